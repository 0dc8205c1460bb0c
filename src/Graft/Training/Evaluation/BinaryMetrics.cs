namespace Graft.Training.Evaluation;

/// <summary>
/// Metrics for a yes/no prediction. Labels: true is the positive class. Scores: the probability of
/// the positive class in [0, 1]. See docs/metrics.md for every definition and edge case.
/// </summary>
public static class BinaryMetrics
{
    public const int DefaultCalibrationBins = 10;

    /// <summary>All binary metrics; rows with score ≥ threshold are predicted positive.</summary>
    public static MetricSet Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, double threshold)
    {
        Validate(labels, scores);
        if (double.IsNaN(threshold))
        {
            throw new ArgumentException("The decision threshold must be a number.", nameof(threshold));
        }

        var counts = ThresholdCounts.Count(labels, scores, threshold);
        double logLoss = 0, squaredError = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            logLoss += LogLoss.Binary(labels[i], scores[i]);
            var error = scores[i] - (labels[i] ? 1 : 0);
            squaredError += error * error;
        }

        using var ranked = new RankedScores(labels, scores);
        var calibration = CalibrationCurve.Bins(labels, scores, DefaultCalibrationBins);
        var n = (double)labels.Length;
        return new MetricSet(new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.RocAuc] = RocAuc.Compute(ranked),
            [MetricNames.PrAuc] = AveragePrecision.Compute(ranked),
            [MetricNames.Accuracy] = counts.Accuracy,
            [MetricNames.Precision] = counts.Precision,
            [MetricNames.Recall] = counts.Recall,
            [MetricNames.F1] = counts.F1,
            [MetricNames.LogLoss] = logLoss / n,
            [MetricNames.Brier] = squaredError / n,
            [MetricNames.Ece] = CalibrationCurve.ExpectedError(calibration, labels.Length),
            [MetricNames.PositiveRate] = counts.Positives / n,
            [MetricNames.PredictedPositiveRate] = counts.PredictedPositives / n,
        });
    }

    /// <summary>
    /// One metric of <see cref="Compute"/>, computed alone, with the same definition: what a bootstrap asks hundreds of
    /// times (the ranking metrics sort once; the threshold ones count in one pass). NaN where <see cref="Compute"/> gives NaN.
    /// </summary>
    public static double One(string metric, ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, double threshold)
    {
        switch (metric)
        {
            case MetricNames.RocAuc or MetricNames.PrAuc:
                Validate(labels, scores);
                using (var ranked = new RankedScores(labels, scores))
                {
                    return metric == MetricNames.RocAuc ? RocAuc.Compute(ranked) : AveragePrecision.Compute(ranked);
                }
            case MetricNames.Accuracy or MetricNames.Precision or MetricNames.Recall or MetricNames.F1:
                Validate(labels, scores);
                var counts = ThresholdCounts.Count(labels, scores, threshold);
                return metric switch
                {
                    MetricNames.Accuracy => counts.Accuracy,
                    MetricNames.Precision => counts.Precision,
                    MetricNames.Recall => counts.Recall,
                    _ => counts.F1,
                };
            default:
                return Compute(labels, scores, threshold).TryGet(metric, out var value) ? value : double.NaN;
        }
    }

    /// <summary>The populated equal-width bins of a reliability diagram, lowest scores first.</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(
        ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, int bins = DefaultCalibrationBins)
    {
        Validate(labels, scores);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        return CalibrationCurve.Bins(labels, scores, bins);
    }

    /// <summary>
    /// The observed score that maximises F1 when used as the decision threshold; on equal F1 the
    /// higher threshold. NaN when there are no positive labels (F1 is undefined).
    /// </summary>
    public static double BestF1Threshold(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        Validate(labels, scores);
        using var ranked = new RankedScores(labels, scores);
        return F1ThresholdSearch.Find(ranked);
    }

    private static void Validate(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        MetricArguments.RequireRows(labels.Length, scores.Length, nameof(labels), nameof(scores));
        MetricArguments.RequireProbabilities(scores, nameof(scores));
    }
}
