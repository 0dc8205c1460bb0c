using Microsoft.ML;
using Microsoft.ML.Data;

namespace Graft.Serving;

/// <summary>
/// One mutable input row for single-row scoring: the model's input columns (numbers as <see cref="float"/>,
/// categories and text as characters), set before each prediction. Moving <see cref="Position"/> on tells
/// ML.NET's transforms that the row changed, as its own prediction engine does.
/// </summary>
internal sealed class InputRow : DataViewRow
{
    private readonly float[] _numbers;
    private readonly ReadOnlyMemory<char>[] _texts;
    private long _position = -1;

    public InputRow(DataViewSchema schema)
    {
        Schema = schema;
        _numbers = new float[schema.Count];
        _texts = new ReadOnlyMemory<char>[schema.Count];
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _position;

    public override long Batch => 0;

    public void SetNumber(int column, float value) => _numbers[column] = value;

    public void SetText(int column, string? value) => _texts[column] = (value ?? "").AsMemory();

    public float Number(int column) => _numbers[column];

    /// <summary>A category or text column's value; empty when missing.</summary>
    public ReadOnlySpan<char> Text(int column) => _texts[column].Span;

    public void Advance() => _position++;

    public override bool IsColumnActive(DataViewSchema.Column column) => true;

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        var index = column.Index;
        Delegate getter = column.Type is TextDataViewType
            ? (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = _texts[index])
            : (ValueGetter<float>)((ref float v) => v = _numbers[index]);
        return (ValueGetter<TValue>)getter;
    }
}
