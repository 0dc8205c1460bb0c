using Graft.UseCases;

namespace Graft.Audit;

/// <summary>
/// <c>label_imbalance</c>: one class much rarer than the others. Binary: the minority below <see cref="InfoShare"/>
/// is worth knowing (accuracy misleads; use ranking metrics), below <see cref="WarningShare"/> a warning. Multiclass:
/// a class under 1% of the largest, or with fewer than <see cref="MinClassRows"/> rows, is a warning. A single class
/// blocks: there is nothing to learn.
/// </summary>
internal static class LabelImbalanceCheck
{
    public const double InfoShare = 0.30;
    public const double WarningShare = 0.10;
    public const double SmallestToLargest = 0.01;
    public const int MinClassRows = 5;

    public static AuditFinding? Run(TargetLabels labels, IReadOnlyList<ValueCount> classes)
    {
        if (labels.Task == TaskKind.Regression || labels.Labelled == 0)
        {
            return null;
        }
        var name = labels.Column.Name;
        if (classes.Count < 2)
        {
            return Finding(name, Severity.Blocking,
                $"The target {name} has a single class, {Wording.Quote(classes[0].Value)}, in all {Wording.Rows(labels.Labelled)} with a label; there is nothing to learn",
                classes, labels.Labelled);
        }
        var largest = classes[0];
        var smallest = classes[^1];
        if (labels.Task == TaskKind.Binary)
        {
            var share = (double)smallest.Count / labels.Labelled;
            if (share >= InfoShare)
            {
                return null;
            }
            var message = $"The target {name} is imbalanced: {Wording.Quote(smallest.Value)} is {Wording.Count(smallest.Count)} of " +
                $"{Wording.Count(labels.Labelled)} labelled rows ({Wording.Percent(share)}) and {Wording.Quote(largest.Value)} " +
                $"{Wording.Count(largest.Count)}; judge models by ranking metrics (ROC AUC, PR AUC), not accuracy";
            return Finding(name, share < WarningShare ? Severity.Warning : Severity.Info, message, classes, labels.Labelled);
        }
        var tiny = classes.Where(c => c.Count < MinClassRows).ToList();
        if (smallest.Count >= SmallestToLargest * largest.Count && tiny.Count == 0)
        {
            return null;
        }
        var text = $"The target {name} has {Wording.Count(classes.Count)} classes; the smallest, {Wording.Quote(smallest.Value)}, has " +
            $"{Wording.Rows(smallest.Count)} against {Wording.Count(largest.Count)} for the largest, {Wording.Quote(largest.Value)}";
        if (tiny.Count > 0)
        {
            text += $"; {Wording.Count(tiny.Count)} class{(tiny.Count == 1 ? " has" : "es have")} fewer than {MinClassRows} rows, too few to learn or to test";
        }
        return Finding(name, Severity.Warning, text, classes, labels.Labelled);
    }

    private static AuditFinding Finding(string field, Severity severity, string message, IReadOnlyList<ValueCount> classes, int labelled) =>
        new(FindingCodes.LabelImbalance, severity, field, message, new Dictionary<string, double>
        {
            ["classes"] = classes.Count,
            ["labelled"] = labelled,
            ["largest"] = classes[0].Count,
            ["smallest"] = classes[^1].Count,
            ["smallest_share"] = (double)classes[^1].Count / labelled,
        });
}
