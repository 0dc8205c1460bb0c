namespace Graft.Data.Demo;

/// <summary>RFC 4180 fields: quoted only when a comma, quote or line break would otherwise split them.</summary>
internal static class CsvField
{
    private static readonly char[] NeedsQuoting = [',', '"', '\r', '\n'];

    public static void WriteRow(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            Write(writer, fields[i]);
        }

        // '\n' rather than WriteLine: the file must be byte-identical on every platform.
        writer.Write('\n');
    }

    public static void Write(TextWriter writer, string value)
    {
        if (value.IndexOfAny(NeedsQuoting) < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
