using Graft.Training.Evaluation;
using Graft.UseCases;

namespace Graft.Audit;

/// <summary>
/// <c>leakage_suspect</c>: a field that alone predicts the target almost perfectly. Real signals are rarely that
/// clean; such a field usually records the outcome itself (a status set after the fact) or something known only
/// later. Each field gets a <see cref="OneFieldPredictor"/> fitted on one half of the labelled rows and scored on the
/// other: binary by ROC AUC (either direction), multiclass by accuracy well above always guessing the commonest
/// class, regression by R². At <see cref="Threshold"/> or above it blocks.
/// </summary>
internal static class LeakageCheck
{
    public const double Threshold = 0.95;
    public const int Seed = 20_240_611;
    private const int MinLabelledRows = 20;

    public static AuditFinding? Run(FieldColumn column, TargetLabels labels, HalfSplit split)
    {
        if (labels.Labelled < MinLabelledRows || split.Test.Length == 0)
        {
            return null;
        }
        var predictor = new OneFieldPredictor(column);
        var (metric, score, flagged, numbers) = labels.Task switch
        {
            TaskKind.Binary => Binary(predictor, labels, split),
            TaskKind.Multiclass => Multiclass(predictor, labels, split),
            _ => Regression(predictor, labels, split),
        };
        if (!flagged)
        {
            return null;
        }
        var message = $"{column.Name} alone predicts {labels.Column.Name} almost perfectly ({metric} {Wording.Fixed(score, 3)} " +
            $"on {Wording.Count(split.Test.Length)} held-out rows, from this one field); a field this telling usually records the " +
            "outcome itself or something known only after the decision. Exclude it in the spec, or acknowledge it if it is truly known at decision time";
        numbers["threshold"] = Threshold;
        numbers["test_rows"] = split.Test.Length;
        numbers["seed"] = Seed;
        return new AuditFinding(FindingCodes.LeakageSuspect, Severity.Blocking, column.Name, message, numbers);
    }

    private static Verdict Binary(OneFieldPredictor predictor, TargetLabels labels, HalfSplit split)
    {
        var scores = predictor.PositiveRates(labels, split);
        var truth = new bool[split.Test.Length];
        for (var i = 0; i < truth.Length; i++)
        {
            truth[i] = labels.Class[split.Test[i]] == labels.Positive;
        }
        double auc;
        using (var ranked = new RankedScores(truth, scores))
        {
            auc = RocAuc.Compute(ranked); // only the ranking is wanted, not every binary metric
        }
        // A field can give the answer away upside down just as well.
        var strength = Math.Max(auc, 1 - auc);
        return new("ROC AUC", strength, strength >= Threshold, new() { ["roc_auc"] = strength });
    }

    private static Verdict Multiclass(OneFieldPredictor predictor, TargetLabels labels, HalfSplit split)
    {
        var predicted = predictor.Classes(labels, split, out var majority);
        int right = 0, majorityRight = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            var actual = labels.Class[split.Test[i]];
            right += predicted[i] == actual ? 1 : 0;
            majorityRight += majority == actual ? 1 : 0;
        }
        var accuracy = (double)right / predicted.Length;
        var baseline = (double)majorityRight / predicted.Length;
        // "Well above" guessing the commonest class: at least halfway from that guess to perfect.
        var flagged = accuracy >= Threshold && accuracy >= baseline + ((1 - baseline) / 2);
        return new("accuracy", accuracy, flagged, new() { ["accuracy"] = accuracy, ["majority_share"] = baseline });
    }

    private static Verdict Regression(OneFieldPredictor predictor, TargetLabels labels, HalfSplit split)
    {
        var predicted = predictor.Means(labels, split);
        var actual = split.Test.Select(row => labels.Value[row]).ToArray();
        var r2 = RegressionMetrics.Compute(actual, predicted)[MetricNames.R2];
        return new("R²", r2, r2 >= Threshold, new() { ["r2"] = r2 });
    }

    private readonly record struct Verdict(string Metric, double Score, bool Flagged, Dictionary<string, double> Numbers);
}
