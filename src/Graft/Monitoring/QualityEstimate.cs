namespace Graft.Monitoring;

/// <summary>
/// How often a binary model's score turned out positive at training, bin by bin over the score's reference bins:
/// fitted on the validation rows (which the model did not learn from) and made monotone by pooling adjacent bins that
/// disagree (isotonic regression, pool-adjacent-violators), so that a score's bin says the chance it is right.
/// </summary>
public sealed record ScoreCalibration(double[] Positive)
{
    /// <summary>The map over <paramref name="edges"/>' bins; null without labelled scores of both classes.</summary>
    public static ScoreCalibration? Fit(double[] edges, double[] scores, float[] labels)
    {
        var bins = edges.Length + 1;
        var (positives, counts) = (new double[bins], new double[bins]);
        for (var i = 0; i < scores.Length && i < labels.Length; i++)
        {
            if (double.IsFinite(scores[i]))
            {
                var b = ReferenceProfile.BinOf(edges, scores[i]);
                counts[b]++;
                positives[b] += labels[i] == 1 ? 1 : 0;
            }
        }
        if (positives.Sum() == 0 || positives.Sum() == counts.Sum())
        {
            return null;
        }
        // pool adjacent violators over the bins with rows: blocks of (positives, rows), merged while a block's rate falls below the one before
        var blocks = new List<(double Positives, double Rows, int First, int Last)>();
        for (var b = 0; b < bins; b++)
        {
            if (counts[b] == 0)
            {
                continue;
            }
            blocks.Add((positives[b], counts[b], b, b));
            while (blocks.Count > 1 && blocks[^1].Positives / blocks[^1].Rows < blocks[^2].Positives / blocks[^2].Rows)
            {
                var (last, before) = (blocks[^1], blocks[^2]);
                blocks.RemoveRange(blocks.Count - 2, 2);
                blocks.Add((before.Positives + last.Positives, before.Rows + last.Rows, before.First, last.Last));
            }
        }
        // a block's rate for its bins; a bin without validation rows takes the rate below it (the first block's, below them all)
        var rate = new double[bins];
        var next = 0;
        var current = blocks[0].Positives / blocks[0].Rows;
        for (var b = 0; b < bins; b++)
        {
            if (next < blocks.Count && b == blocks[next].First)
            {
                current = blocks[next].Positives / blocks[next].Rows;
                next++;
            }
            rate[b] = current;
        }
        return new ScoreCalibration(rate);
    }
}

/// <summary>An estimated metric with its band: the value ± 3 standard errors, clipped to [0, 1], and the rows it rests on.</summary>
public sealed record EstimatedMetric(double Value, double Lower, double Upper, long Rows);

/// <summary>
/// Confidence-based performance estimation (NannyML's CBPE) from a window's score counts alone: each bin's rows are
/// expected to be positive at the calibrated rate, so the confusion matrix at the served threshold, and the ROC curve,
/// have expected values without a single label. Standard errors: the binomial one for accuracy, Hanley and McNeil's
/// for ROC AUC over the expected positives and negatives, and for F1 the binomial one over half of 2·TP + FP + FN (an
/// approximation). Score-based estimation sees a change in what inputs arrive, never a change in what they mean:
/// where outcomes come back, a realized value outside the band is <c>concept_drift_suspected</c>.
/// </summary>
public static class QualityEstimator
{
    public static IReadOnlyDictionary<string, EstimatedMetric>? Estimate(double[] edges, ScoreCalibration calibration, BinCounts scores, double threshold)
    {
        var n = (double)scores.Present;
        if (n == 0 || scores.Bins.Length != calibration.Positive.Length)
        {
            return null;
        }
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (var b = 0; b < scores.Bins.Length; b++)
        {
            var (rows, p) = (scores.Bins[b], calibration.Positive[b]);
            var above = ShareAbove(edges, b, threshold);
            (tp, fp, fn, tn) = (tp + rows * p * above, fp + rows * (1 - p) * above, fn + rows * p * (1 - above), tn + rows * (1 - p) * (1 - above));
        }
        var estimates = new Dictionary<string, EstimatedMetric>(StringComparer.Ordinal);
        var accuracy = (tp + tn) / n;
        estimates["accuracy"] = Band(accuracy, Math.Sqrt(accuracy * (1 - accuracy) / n), scores.Present);
        var f1Trials = 2 * tp + fp + fn;
        if (f1Trials > 0)
        {
            var f1 = 2 * tp / f1Trials;
            estimates["f1"] = Band(f1, Math.Sqrt(f1 * (1 - f1) / Math.Max(1, f1Trials / 2)), scores.Present);
        }
        if (Auc(scores, calibration) is { } auc)
        {
            estimates["roc_auc"] = Band(auc.Value, auc.StandardError, scores.Present);
        }
        return estimates;
    }

    /// <summary>The share of bin b's scores at or above the threshold, its scores spread evenly across it (scores run 0 to 1).</summary>
    private static double ShareAbove(double[] edges, int b, double threshold)
    {
        var lo = b == 0 ? 0 : edges[b - 1];
        var hi = b == edges.Length ? 1 : edges[b];
        if (threshold <= lo)
        {
            return 1;
        }
        return threshold >= hi ? 0 : (hi - threshold) / (hi - lo);
    }

    /// <summary>The expected ROC AUC: the chance a positive outscores a negative, ties within a bin counted half.</summary>
    private static (double Value, double StandardError)? Auc(BinCounts scores, ScoreCalibration calibration)
    {
        double positives = 0, negatives = 0, wins = 0;
        for (var b = 0; b < scores.Bins.Length; b++)
        {
            var (p, q) = (scores.Bins[b] * calibration.Positive[b], scores.Bins[b] * (1 - calibration.Positive[b]));
            wins += p * negatives + p * q / 2; // a positive here beats every negative below, and half of those beside it
            positives += p;
            negatives += q;
        }
        if (positives < 1 || negatives < 1)
        {
            return null;
        }
        var auc = wins / (positives * negatives);
        var (q1, q2) = (auc / (2 - auc), 2 * auc * auc / (1 + auc));
        var variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives);
        return (auc, Math.Sqrt(Math.Max(0, variance)));
    }

    private static EstimatedMetric Band(double value, double standardError, long rows) =>
        new(value, Math.Max(0, value - 3 * standardError), Math.Min(1, value + 3 * standardError), rows);
}
