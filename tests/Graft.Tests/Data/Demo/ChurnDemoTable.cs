using System.Globalization;
using Graft.Data.Demo;

namespace Graft.Tests.Data.Demo;

/// <summary>The demo CSV as written and as read back, so each test asserts on columns by name.</summary>
internal sealed class ChurnDemoTable
{
    private ChurnDemoTable(string text)
    {
        Text = text;
        var lines = StrictCsv.Parse(text);
        Header = lines[0];
        Rows = [.. lines.Skip(1)];
    }

    /// <summary>The default demo (5,000 rows, seed 42), written once and shared: it is never modified.</summary>
    public static ChurnDemoTable Default { get; } = Write(5000, 42);

    public string Text { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static ChurnDemoTable Write(int rows, int seed)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        ChurnDemoData.Write(writer, rows, seed);
        return new ChurnDemoTable(writer.ToString());
    }

    public string Value(string[] row, string column) => row[IndexOf(column)];

    public int IntValue(string[] row, string column) => int.Parse(Value(row, column), CultureInfo.InvariantCulture);

    public bool Churned(string[] row) => Value(row, "churned") == "Yes";

    public double ChurnRate(Func<string[], bool> subset)
    {
        var rows = Rows.Where(subset).ToList();
        return rows.Count(Churned) / (double)rows.Count;
    }

    private int IndexOf(string column)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (Header[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"No column named {column}.", nameof(column));
    }
}
