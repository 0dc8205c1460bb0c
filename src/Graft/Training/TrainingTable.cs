using Graft.Audit;
using Graft.Data;
using Graft.UseCases;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Graft.Training;

/// <summary>
/// The rows of a frame that have a usable label, as typed model-input columns plus labels, ready to become an
/// ML.NET data view. Numbers that are missing or unreadable are NaN; categories and text that are missing are empty.
/// Free text is read with each piece of personal data replaced by its placeholder (<see cref="TextOf"/>).
/// </summary>
public sealed class TrainingTable
{
    private TrainingTable(FeaturePlan plan, LabelEncoding labels, Array[] columns, float[] label, int[] rows)
    {
        Plan = plan;
        Labels = labels;
        Columns = columns;
        Label = label;
        SourceRows = rows;
    }

    public FeaturePlan Plan { get; }

    public LabelEncoding Labels { get; }

    public Array[] Columns { get; }

    /// <summary>Binary: 1 for the positive class; multiclass: the class index; regression: the value.</summary>
    public float[] Label { get; }

    /// <summary>Which rows of the source frame these are (rows without a label are dropped).</summary>
    public int[] SourceRows { get; }

    public int RowCount => Label.Length;

    public static TrainingTable Create(Frame frame, string targetColumn, FeaturePlan plan, LabelEncoding labels)
    {
        var targets = frame.Column(targetColumn);
        var rows = new List<int>(frame.RowCount);
        var label = new List<float>(frame.RowCount);
        for (var r = 0; r < targets.Length; r++)
        {
            if (labels.TryEncode(targets[r], out var value))
            {
                rows.Add(r);
                label.Add(value);
            }
        }
        var rowArray = rows.ToArray();
        var columns = plan.Inputs.Select(input => Column(frame, input, rowArray)).ToArray();
        return new TrainingTable(plan, labels, columns, [.. label], rowArray);
    }

    private static Array Column(Frame frame, ModelInput input, int[] rows)
    {
        var source = frame.Column(input.Field); // the caller made sure it is there (a test file is checked before)
        if (input.Kind != InputKind.Numeric)
        {
            var text = new string?[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                text[i] = TextOf(source[rows[i]], input.Kind);
            }
            return text;
        }
        var numbers = new float[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            numbers[i] = (float)NumberOf(source[rows[i]], input.Type);
        }
        return numbers;
    }

    /// <summary>Booleans are 1 and 0; anything unreadable is missing (NaN), which LightGBM and the imputer understand.</summary>
    public static double NumberOf(string? value, FieldType type) =>
        type == FieldType.Boolean
            ? value is not null && Values.TryBoolean(value, out var flag) ? (flag ? 1 : 0) : double.NaN
            : Values.Number(value);

    /// <summary>
    /// A category or text value as models read it: each email, phone, card and national id number and person name
    /// replaced by its placeholder (for every such input, flagged by the audit or not: a request can carry what the
    /// training data did not), here and when serving, so a model, its one-hot dictionary and its card never hold them
    /// raw, and read the same tokens in both. A category of whole sentences ("Call me back at 615.555.0175.") is one.
    /// </summary>
    public static string? TextOf(string? value, InputKind kind) => kind == InputKind.Numeric ? value : TextPlaceholders.Apply(value);

    public TrainingTable Subset(IReadOnlyList<int> indices)
    {
        var columns = Columns.Select(c => Take(c, indices)).ToArray();
        var label = indices.Select(i => Label[i]).ToArray();
        var rows = indices.Select(i => SourceRows[i]).ToArray();
        return new TrainingTable(Plan, Labels, columns, label, rows);
    }

    public IDataView ToDataView()
    {
        var columns = new List<(string, DataViewType, Array)>(Columns.Length + 1);
        for (var i = 0; i < Plan.Inputs.Count; i++)
        {
            var input = Plan.Inputs[i];
            columns.Add((input.Column, input.Kind == InputKind.Numeric ? NumberDataViewType.Single : TextDataViewType.Instance, Columns[i]));
        }
        columns.Add(Labels.Task switch
        {
            TaskKind.Binary => ("Label", BooleanDataViewType.Instance, Label.Select(l => l > 0.5f).ToArray()),
            TaskKind.Multiclass => ("Label", new KeyDataViewType(typeof(uint), Labels.Classes.Count), Label.Select(l => (uint)l + 1).ToArray()),
            _ => ("Label", NumberDataViewType.Single, Label),
        });
        return new ColumnarDataView(columns);
    }

    private static Array Take(Array source, IReadOnlyList<int> indices)
    {
        switch (source)
        {
            case float[] f:
                var numbers = new float[indices.Count];
                for (var i = 0; i < indices.Count; i++)
                {
                    numbers[i] = f[indices[i]];
                }
                return numbers;
            case string?[] s:
                var text = new string?[indices.Count];
                for (var i = 0; i < indices.Count; i++)
                {
                    text[i] = s[indices[i]];
                }
                return text;
            default:
                throw new InvalidOperationException($"unexpected column of {source.GetType().Name}");
        }
    }
}
