using System.Text;

namespace Graft.Tests.Data.Demo;

/// <summary>
/// A deliberately unforgiving RFC 4180 reader: anything a lenient parser would guess at
/// (a stray quote, text after a closing quote, a CR, a missing final line break) is an error.
/// </summary>
internal static class StrictCsv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            i = text[i] == '"' ? ReadQuoted(text, i, field) : ReadBare(text, i, field);
            fields.Add(field.ToString());
            field.Clear();
            if (i >= text.Length)
            {
                throw new FormatException("The last line does not end with a line break.");
            }

            if (text[i] == '\n')
            {
                rows.Add([.. fields]);
                fields.Clear();
            }

            i++;
        }

        return rows;
    }

    private static int ReadQuoted(string text, int i, StringBuilder field)
    {
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw new FormatException("A quoted field is never closed.");
            }

            if (text[i] != '"')
            {
                field.Append(text[i++]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '"')
            {
                field.Append('"');
                i += 2;
            }
            else
            {
                i++;
                break;
            }
        }

        if (i < text.Length && text[i] != ',' && text[i] != '\n')
        {
            throw new FormatException($"Text follows a closing quote at offset {i}.");
        }

        return i;
    }

    private static int ReadBare(string text, int i, StringBuilder field)
    {
        while (i < text.Length && text[i] != ',' && text[i] != '\n')
        {
            if (text[i] is '"' or '\r')
            {
                throw new FormatException($"An unquoted field holds a quote or CR at offset {i}.");
            }

            field.Append(text[i++]);
        }

        return i;
    }
}
