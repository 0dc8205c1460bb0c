using Graft.Data;
using Graft.Registry;
using Graft.Training;

namespace Graft.Serving;

/// <summary>
/// A batch of rows as a model reads them, one array per model input: numbers as floats (NaN when missing or
/// unreadable), categories and text as strings, text with placeholders for personal data as in training
/// (<see cref="TrainingTable.TextOf"/>). Converting column by column, once, keeps the per-row scoring loop free of
/// lookups and conversions.
/// </summary>
public sealed class InputColumns
{
    private readonly float[]?[] _numbers;
    private readonly string?[]?[] _texts;

    private InputColumns(int inputs, int rows)
    {
        _numbers = new float[]?[inputs];
        _texts = new string?[]?[inputs];
        RowCount = rows;
    }

    public int RowCount { get; }

    /// <summary>A table's columns (CSV cells); fields the table lacks are missing values.</summary>
    public static InputColumns From(ModelCard card, Frame frame)
    {
        var columns = new InputColumns(card.Inputs.Count, frame.RowCount);
        for (var i = 0; i < card.Inputs.Count; i++)
        {
            var input = card.Inputs[i];
            var source = frame.Contains(input.Field) ? frame.Column(input.Field) : new string?[frame.RowCount];
            if (input.Kind == InputKind.Numeric)
            {
                var numbers = columns._numbers[i] = new float[frame.RowCount];
                for (var r = 0; r < numbers.Length; r++)
                {
                    numbers[r] = (float)TrainingTable.NumberOf(source[r], input.Type);
                }
            }
            else
            {
                columns._texts[i] = Array.ConvertAll(source, value => TrainingTable.TextOf(value, input.Kind));
            }
        }
        return columns;
    }

    /// <summary>Request rows (field → value, of whatever value type the caller parsed); absent fields are missing values.</summary>
    public static InputColumns From<TValue>(ModelCard card, IReadOnlyList<IReadOnlyDictionary<string, TValue>> rows, Func<TValue?, FieldType, float> number, Func<TValue?, string?> text)
    {
        var columns = new InputColumns(card.Inputs.Count, rows.Count);
        for (var i = 0; i < card.Inputs.Count; i++)
        {
            var input = card.Inputs[i];
            if (input.Kind == InputKind.Numeric)
            {
                var numbers = columns._numbers[i] = new float[rows.Count];
                for (var r = 0; r < numbers.Length; r++)
                {
                    numbers[r] = rows[r].TryGetValue(input.Field, out var value) ? number(value, input.Type) : float.NaN;
                }
            }
            else
            {
                var texts = columns._texts[i] = new string?[rows.Count];
                for (var r = 0; r < texts.Length; r++)
                {
                    texts[r] = rows[r].TryGetValue(input.Field, out var value) ? TrainingTable.TextOf(text(value), input.Kind) : null;
                }
            }
        }
        return columns;
    }

    /// <summary>
    /// Sets <paramref name="target"/> to one request row directly, converting each value as <see cref="From{TValue}"/>
    /// does (<see cref="InputValues"/>): a single-row request, most of what the service answers, needs no columns.
    /// </summary>
    internal static void Fill(ModelCard card, IReadOnlyDictionary<string, InputValue> row, InputRow target)
    {
        for (var i = 0; i < card.Inputs.Count; i++)
        {
            var input = card.Inputs[i];
            var present = row.TryGetValue(input.Field, out var value);
            if (input.Kind == InputKind.Numeric)
            {
                target.SetNumber(i, present ? InputValues.Number(value, input.Type) : float.NaN);
            }
            else
            {
                target.SetText(i, present ? TrainingTable.TextOf(InputValues.Text(value), input.Kind) : null);
            }
        }
    }

    /// <summary>Sets <paramref name="target"/> to row <paramref name="row"/>.</summary>
    internal void Fill(InputRow target, int row)
    {
        for (var i = 0; i < _numbers.Length; i++)
        {
            if (_numbers[i] is { } numbers)
            {
                target.SetNumber(i, numbers[row]);
            }
            else
            {
                target.SetText(i, _texts[i]![row]);
            }
        }
    }
}
