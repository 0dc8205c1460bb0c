namespace Graft.Data;

/// <summary>
/// A table read from a delimited file, held column by column as text. Missing values are null.
/// Typed views (numbers, categories) are derived from it by the consumers that need them.
/// </summary>
public sealed class Frame
{
    private readonly string?[][] _columns;
    private readonly Dictionary<string, int> _index;

    public Frame(IReadOnlyList<string> names, string?[][] columns)
    {
        if (names.Count != columns.Length)
        {
            throw new ArgumentException("Every column needs a name.", nameof(columns));
        }
        Names = names;
        _columns = columns;
        RowCount = columns.Length == 0 ? 0 : columns[0].Length;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            _index[names[i]] = i;
        }
    }

    public IReadOnlyList<string> Names { get; }

    public int RowCount { get; }

    public int ColumnCount => _columns.Length;

    public string?[] Column(int index) => _columns[index];

    public string?[] Column(string name) =>
        TryIndexOf(name, out var i) ? _columns[i] : throw new KeyNotFoundException($"no column named '{name}'");

    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>The rows at <paramref name="rows"/>, in that order, as a frame of their own.</summary>
    public Frame Rows(IReadOnlyList<int> rows) =>
        new(Names, [.. _columns.Select(column => rows.Select(r => column[r]).ToArray())]);

    public bool TryIndexOf(string name, out int index) => _index.TryGetValue(name, out index);
}
