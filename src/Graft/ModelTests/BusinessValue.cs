using Graft.Training.Evaluation;

namespace Graft.ModelTests;

/// <summary>
/// What binary decisions are worth under the spec's value matrix: per 1,000 decisions at a threshold, at every threshold
/// (the curve), and the threshold that maximises it. A row is decided positive when its score is at or above the threshold.
/// </summary>
public static class BusinessValue
{
    public const int CurvePoints = 51;

    public static double Per1000(ValueMatrix value, ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, double threshold)
    {
        var c = ThresholdCounts.Count(labels, scores, threshold);
        return value.Per1000(c.TruePositives, c.FalsePositives, c.FalseNegatives, c.TrueNegatives);
    }

    /// <summary>The value at thresholds 0, 0.02, …, 1.</summary>
    public static List<ValuePoint> Curve(ValueMatrix value, bool[] labels, double[] scores) =>
        [.. Enumerable.Range(0, CurvePoints).Select(i => i / (double)(CurvePoints - 1)).Select(t => new ValuePoint(t, Per1000(value, labels, scores, t)))];

    /// <summary>
    /// The observed score that, as the threshold, gives the most value; on equal value the higher threshold (fewer rows
    /// acted on for the same worth). One sort and one sweep: lowering the threshold past a run of tied scores turns
    /// those rows positive together.
    /// </summary>
    public static double BestThreshold(ValueMatrix value, ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positives = 0;
        foreach (var l in labels)
        {
            positives += l ? 1 : 0;
        }
        var negatives = labels.Length - positives;
        // everyone negative to start; walk down from the highest score
        double tp = 0, fp = 0;
        var best = double.NegativeInfinity;
        var threshold = double.NaN;
        for (var j = order.Length - 1; j >= 0;)
        {
            var score = keys[j];
            for (; j >= 0 && keys[j] == score; j--)
            {
                if (labels[order[j]]) tp++; else fp++;
            }
            var worth = value.Per1000(tp, fp, positives - tp, negatives - fp);
            if (worth > best)
            {
                (best, threshold) = (worth, score);
            }
        }
        return threshold;
    }
}
