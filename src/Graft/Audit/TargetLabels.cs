using Graft.UseCases;

namespace Graft.Audit;

/// <summary>
/// The target column read for the task: a class per row for binary and multiclass (binary also knows which class is
/// positive), a number per row for regression. Rows without a usable label are marked missing, so every check agrees
/// on which rows count as labelled.
/// </summary>
internal sealed class TargetLabels
{
    public const int Unlabelled = -1;

    private TargetLabels(FieldColumn column, TaskKind task)
    {
        Column = column;
        Task = task;
    }

    public FieldColumn Column { get; }

    public TaskKind Task { get; }

    /// <summary>Per row, the class (an index into <see cref="FieldColumn.Values"/>), or <see cref="Unlabelled"/>.</summary>
    public int[] Class { get; private set; } = [];

    /// <summary>Per row, the target as a number (regression only); NaN when unlabelled.</summary>
    public double[] Value { get; private set; } = [];

    /// <summary>The positive class of a binary task; the other classes count as negative.</summary>
    public int Positive { get; private set; } = Unlabelled;

    public int Labelled { get; private set; }

    public int Missing => Column.Rows - Labelled;

    public bool IsLabelled(int row) => Task == TaskKind.Regression ? !double.IsNaN(Value[row]) : Class[row] != Unlabelled;

    public static TargetLabels Read(FieldColumn column, UseCaseSpec spec)
    {
        var labels = new TargetLabels(column, spec.Task);
        if (spec.Task == TaskKind.Regression)
        {
            var numbers = column.NumberByCode;
            labels.Value = new double[column.Rows];
            for (var row = 0; row < column.Rows; row++)
            {
                var code = column.Codes[row];
                labels.Value[row] = code == FieldColumn.MissingCode ? double.NaN : numbers[code];
                labels.Labelled += double.IsNaN(labels.Value[row]) ? 0 : 1;
            }
            return labels;
        }
        labels.Class = column.Codes;
        labels.Labelled = column.Present;
        if (spec.Task == TaskKind.Binary)
        {
            labels.Positive = PickPositive(column, spec.TargetPositive);
        }
        return labels;
    }

    public string ClassName(int code) => Column.Values[code];

    /// <summary>
    /// The positive class as training picks it (<see cref="PositiveClass"/>); where training would refuse for want of
    /// one, the audit still reports, taking the rarer class.
    /// </summary>
    private static int PickPositive(FieldColumn column, string? declared)
    {
        if (PositiveClass.Pick(column.Values, declared) is { } positive)
        {
            return Array.IndexOf(column.Values, positive);
        }
        var rarest = Unlabelled;
        for (var code = 0; code < column.Counts.Length; code++)
        {
            if (rarest == Unlabelled || column.Counts[code] < column.Counts[rarest])
            {
                rarest = code;
            }
        }
        return rarest;
    }
}
