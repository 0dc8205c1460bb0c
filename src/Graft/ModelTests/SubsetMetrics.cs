using Graft.Training;
using Graft.Training.Evaluation;
using Graft.UseCases;

namespace Graft.ModelTests;

/// <summary>
/// The task's metrics on a subset of the test rows (a slice, a segment, a group), and a 95 % interval for the spec's
/// metric: Wilson's for a proportion (accuracy, precision, recall), Hanley and McNeil's for ROC AUC, otherwise
/// <see cref="MetricBootstrap"/>'s percentile bootstrap from a fixed seed, so a report is the same every run.
/// </summary>
public sealed class SubsetMetrics(TestRows rows, TestedCandidate candidate)
{
    private const double Z = 1.959963984540054;

    private readonly int _k = rows.Task == TaskKind.Multiclass ? rows.Classes.Count : 1;

    public int RowCount => rows.Count;

    /// <summary>Whether a binary subset holds fewer than <paramref name="least"/> rows of either class (never, for other tasks).</summary>
    public bool FewerOfAClassThan(IReadOnlyList<int> subset, int least)
    {
        if (rows.Task != TaskKind.Binary)
        {
            return false;
        }
        var positives = 0;
        foreach (var i in subset)
        {
            positives += rows.Labels[i] > 0.5f ? 1 : 0;
        }
        return positives < least || subset.Count - positives < least;
    }

    public MetricSet All(IReadOnlyList<int> subset)
    {
        var (labels, scores) = Take(subset);
        return Evaluator.Evaluate(rows.Task, labels, scores, rows.Classes.Count, candidate.Threshold);
    }

    public double One(string metric, IReadOnlyList<int> subset)
    {
        var (labels, scores) = Take(subset);
        return Evaluator.EvaluateOne(rows.Task, metric, labels, scores, rows.Classes.Count, candidate.Threshold);
    }

    public SliceInterval? Interval(string metric, IReadOnlyList<int> subset, MetricSet values)
    {
        if (!values.TryGet(metric, out var value) || double.IsNaN(value))
        {
            return null;
        }
        if (rows.Task != TaskKind.Binary || metric is not (MetricNames.Accuracy or MetricNames.Precision or MetricNames.Recall or MetricNames.RocAuc))
        {
            return Bootstrap(metric, value, subset);
        }
        var c = Counts(subset);
        switch (metric)
        {
            case MetricNames.Accuracy:
                return Wilson(value, subset.Count);
            case MetricNames.Precision:
                return Wilson(value, c.TruePositives + c.FalsePositives);
            case MetricNames.Recall:
                return Wilson(value, c.TruePositives + c.FalseNegatives);
            default:
                return Bootstrap(metric, value, subset);
        }
    }

    /// <summary>Wilson's score interval for a proportion <paramref name="p"/> of <paramref name="n"/>.</summary>
    internal static SliceInterval? Wilson(double p, int n)
    {
        if (n == 0)
        {
            return null;
        }
        var z2 = Z * Z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new SliceInterval(Math.Max(0, centre - half), Math.Min(1, centre + half), "wilson");
    }

    /// <summary>Hanley and McNeil (1982): the standard error of an AUC from its value and the counts of each class.</summary>
    internal static SliceInterval HanleyMcNeil(double auc, int positives, int negatives)
    {
        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        var variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / ((double)positives * negatives);
        var se = Math.Sqrt(Math.Max(0, variance));
        return new SliceInterval(Math.Max(0, auc - Z * se), Math.Min(1, auc + Z * se), "hanley_mcneil");
    }

    private SliceInterval? Bootstrap(string metric, double value, IReadOnlyList<int> subset)
    {
        var (labels, scores) = Take(subset);
        return MetricBootstrap.Interval(metric, value, rows.Task, labels, scores, _k, rows.Classes.Count, candidate.Threshold) is { } bounds
            ? new SliceInterval(bounds.Low, bounds.High, "bootstrap") : null;
    }

    /// <summary>A binary subset's confusion counts at the candidate's threshold.</summary>
    internal ThresholdCounts Counts(IReadOnlyList<int> subset)
    {
        var (labels, scores) = Take(subset);
        return ThresholdCounts.Count(labels.Select(l => l > 0.5f).ToArray(), scores, candidate.Threshold);
    }

    private (float[] Labels, double[] Scores) Take(IReadOnlyList<int> subset)
    {
        var labels = new float[subset.Count];
        var scores = new double[subset.Count * _k];
        for (var i = 0; i < subset.Count; i++)
        {
            labels[i] = rows.Labels[subset[i]];
            Array.Copy(candidate.Scores, subset[i] * _k, scores, i * _k, _k);
        }
        return (labels, scores);
    }

    /// <summary>A metric set as the report shows it: the values the rows define, null where they do not.</summary>
    public static IReadOnlyDictionary<string, double?> Shown(MetricSet metrics) =>
        metrics.Values.ToDictionary(p => p.Key, p => double.IsFinite(p.Value) ? p.Value : (double?)null, StringComparer.Ordinal);
}
