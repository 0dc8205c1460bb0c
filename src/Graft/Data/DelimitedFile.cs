using System.Text;
using nietras.SeparatedValues;

namespace Graft.Data;

/// <summary>
/// Reads a delimited text file with a header row into a <see cref="Frame"/>: comma, semicolon, tab or pipe
/// (detected from the header), RFC 4180 quoting with embedded delimiters and line breaks, UTF-8 with or
/// without BOM, and the usual spellings of a missing value. Anything else is a <see cref="DataFormatException"/>.
/// </summary>
public static class DelimitedFile
{
    public const long DefaultMaxBytes = 1L << 30;
    private const int MaxColumns = 4096;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a delimited file from disk into a frame, refusing folders, missing files and files over the size limit.</summary>
    public static async Task<Frame> ReadFileAsync(string path, CancellationToken cancellationToken) =>
        Read(await ReadBytesAsync(path, cancellationToken), Path.GetFileName(path));

    /// <summary>A delimited file's bytes (for hashing before parsing), with the same checks as <see cref="ReadFileAsync"/>.</summary>
    public static async Task<byte[]> ReadBytesAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw GraftException.Invalid($"{path} is a folder; give a delimited file");
        }
        if (!File.Exists(path))
        {
            throw GraftException.NotFound($"no file {path}");
        }
        var length = new FileInfo(path).Length;
        if (length > DefaultMaxBytes)
        {
            throw GraftException.Invalid($"{path} is {length >> 20} MiB; the limit is {DefaultMaxBytes >> 20} MiB");
        }
        return await File.ReadAllBytesAsync(path, cancellationToken);
    }

    public static Frame Read(byte[] bytes, string sourceName)
    {
        var text = Decode(bytes, sourceName);
        var delimiter = DetectDelimiter(text);
        // The header is read as a plain row so that its problems (duplicate or empty names) get our messages.
        using var reader = Sep.New(delimiter).Reader(o => o with
        {
            HasHeader = false,
            DisableColCountCheck = true,
            CreateToString = SepToString.PoolPerCol(maximumStringLength: 64),
        }).FromText(text);

        if (!reader.MoveNext())
        {
            throw new DataFormatException($"{sourceName}: the file has no header row");
        }
        var names = ReadHeader(reader.Current, sourceName);
        var columns = new List<string?>[names.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = [];
        }
        foreach (var row in reader)
        {
            if (row.ColCount == 1 && row.Span.Trim().IsEmpty)
            {
                continue; // blank lines between records carry nothing
            }
            if (row.ColCount != names.Count)
            {
                throw new DataFormatException(
                    $"{sourceName}: the record at line {row.LineNumberFrom} has {row.ColCount} fields but the header has {names.Count}; check for an unclosed quote or a stray '{Printable(delimiter)}'");
            }
            for (var c = 0; c < names.Count; c++)
            {
                columns[c].Add(Value(row[c].Span, row[c], row.LineNumberFrom, names[c], sourceName));
            }
        }
        if (columns.Length == 0 || columns[0].Count == 0)
        {
            throw new DataFormatException($"{sourceName}: the file has a header but no data rows");
        }
        return new Frame(names, [.. columns.Select(c => c.ToArray())]);
    }

    /// <summary>A frame as a comma-separated UTF-8 file with a header row, each value quoted where it needs to be; a missing value is empty.</summary>
    public static byte[] Write(Frame frame)
    {
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).ToText();
        for (var r = 0; r < frame.RowCount; r++)
        {
            using var row = writer.NewRow();
            for (var c = 0; c < frame.ColumnCount; c++)
            {
                row[frame.Names[c]].Set(frame.Column(c)[r] ?? "");
            }
        }
        writer.Flush();
        return Encoding.UTF8.GetBytes(writer.ToString());
    }

    private static string Decode(byte[] bytes, string sourceName)
    {
        if (bytes.Length > DefaultMaxBytes)
        {
            throw new DataFormatException($"{sourceName}: the file is {bytes.Length / (1 << 20)} MiB; the limit is {DefaultMaxBytes / (1 << 20)} MiB");
        }
        var probe = bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024));
        if (probe.Contains((byte)0))
        {
            throw new DataFormatException($"{sourceName}: this is not a text file (it contains NUL bytes); export the data as CSV");
        }
        string text;
        try
        {
            var offset = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            text = StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException($"{sourceName}: the file is not valid UTF-8 text (bad byte at offset {e.Index}); save it as UTF-8");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DataFormatException($"{sourceName}: the file is empty");
        }
        return text;
    }

    /// <summary>The candidate that splits the header line (outside quotes) most often; comma when none does.</summary>
    internal static char DetectDelimiter(string text)
    {
        Span<int> counts = stackalloc int[Candidates.Length];
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (ch == '\n' || ch == '\r'))
            {
                break;
            }
            else if (!quoted && Array.IndexOf(Candidates, ch) is var i and >= 0)
            {
                counts[i]++;
            }
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }
        return Candidates[best];
    }

    private static List<string> ReadHeader(SepReader.Row header, string sourceName)
    {
        if (header.ColCount > MaxColumns)
        {
            throw new DataFormatException($"{sourceName}: the header has {header.ColCount} columns; the limit is {MaxColumns}");
        }
        var raw = new List<string>(header.ColCount);
        for (var c = 0; c < header.ColCount; c++)
        {
            raw.Add(header[c].ToString());
        }
        var names = new List<string>(raw.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < raw.Count; c++)
        {
            var name = Unquote(raw[c].AsSpan(), 1, "header", sourceName).Trim();
            if (name.Length == 0)
            {
                throw new DataFormatException($"{sourceName}: column {c + 1} of the header has no name");
            }
            if (!seen.TryAdd(name, c))
            {
                throw new DataFormatException($"{sourceName}: the column name '{name}' appears twice in the header (columns {seen[name] + 1} and {c + 1})");
            }
            names.Add(name);
        }
        return names;
    }

    private static string? Value(ReadOnlySpan<char> raw, SepReader.Col col, int line, string column, string sourceName)
    {
        if (MissingValues.IsMissing(raw))
        {
            return null;
        }
        var trimmed = raw.Trim(' ');
        if (trimmed.Length > 0 && trimmed[0] == '"')
        {
            var value = Unquote(trimmed, line, column, sourceName);
            return MissingValues.IsMissing(value) ? null : value;
        }
        return col.ToString();
    }

    /// <summary>Removes the outer quotes of an RFC 4180 field and undoubles the inner ones, refusing broken quoting.</summary>
    private static string Unquote(ReadOnlySpan<char> field, int line, string column, string sourceName)
    {
        if (field.Length == 0 || field[0] != '"')
        {
            return field.ToString();
        }
        if (field.Length < 2 || field[^1] != '"')
        {
            throw new DataFormatException($"{sourceName}: the quoted value of '{column}' at line {line} is not closed");
        }
        var inner = field[1..^1];
        var builder = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '"')
            {
                if (i + 1 >= inner.Length || inner[i + 1] != '"')
                {
                    throw new DataFormatException($"{sourceName}: the value of '{column}' at line {line} has a stray quote; quotes inside a quoted value must be doubled");
                }
                i++;
            }
            builder.Append(inner[i]);
        }
        return builder.ToString();
    }

    private static string Printable(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();
}