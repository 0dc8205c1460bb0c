using Microsoft.ML;
using Microsoft.ML.Data;

namespace Graft.Training;

/// <summary>
/// An ML.NET <see cref="IDataView"/> over columns already held in memory (numbers as <see cref="float"/>,
/// text as strings, keys as <see cref="uint"/>, flags as <see cref="bool"/>), so a use case's fields, whose
/// names and types come from its spec and data, reach ML.NET without a class per schema.
/// </summary>
public sealed class ColumnarDataView : IDataView
{
    private readonly Array[] _columns;

    public ColumnarDataView(IReadOnlyList<(string Name, DataViewType Type, Array Values)> columns)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var (name, type, _) in columns)
        {
            builder.AddColumn(name, type);
        }
        Schema = builder.ToSchema();
        _columns = [.. columns.Select(c => c.Values)];
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
    }

    public int RowCount { get; }

    public bool CanShuffle => true;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => RowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, rand is null ? null : Permutation(rand));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private int[] Permutation(Random rand)
    {
        var order = Enumerable.Range(0, RowCount).ToArray();
        rand.Shuffle(order);
        return order;
    }

    private sealed class Cursor(ColumnarDataView view, int[]? order) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        private int Row => order is null ? (int)_position : order[_position];

        public override bool MoveNext()
        {
            if (_position + 1 >= view.RowCount)
            {
                _position = view.RowCount;
                return false;
            }
            _position++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)Row, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var values = view._columns[column.Index];
            Delegate getter = values switch
            {
                float[] f => (ValueGetter<float>)((ref float v) => v = f[Row]),
                string?[] s => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = (s[Row] ?? "").AsMemory()),
                uint[] k => (ValueGetter<uint>)((ref uint v) => v = k[Row]),
                bool[] b => (ValueGetter<bool>)((ref bool v) => v = b[Row]),
                _ => throw new InvalidOperationException($"column '{column.Name}' holds {values.GetType().Name}, which is not supported"),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}");
        }
    }
}
