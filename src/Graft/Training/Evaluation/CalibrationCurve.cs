namespace Graft.Training.Evaluation;

/// <summary>
/// Equal-width binning of scores over [0, 1] for reliability diagrams and expected calibration error.
/// Bin b holds scores in [b/bins, (b+1)/bins); a score of exactly 1 joins the last bin.
/// </summary>
internal static class CalibrationCurve
{
    public static IReadOnlyList<CalibrationBin> Bins(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, int bins)
    {
        var scoreSums = new double[bins];
        var counts = new int[bins];
        var positives = new int[bins];
        for (var i = 0; i < scores.Length; i++)
        {
            var bin = Math.Min((int)(scores[i] * bins), bins - 1);
            scoreSums[bin] += scores[i];
            counts[bin]++;
            if (labels[i]) positives[bin]++;
        }

        // Only populated bins: an empty bin has no mean score and no positive rate to plot.
        var result = new List<CalibrationBin>(bins);
        for (var b = 0; b < bins; b++)
        {
            if (counts[b] > 0)
            {
                result.Add(new CalibrationBin(scoreSums[b] / counts[b], (double)positives[b] / counts[b], counts[b]));
            }
        }

        return result;
    }

    /// <summary>Σ (n_b / N)·|mean score_b − positive rate_b| over the populated bins.</summary>
    public static double ExpectedError(IReadOnlyList<CalibrationBin> bins, int total)
    {
        double error = 0;
        foreach (var bin in bins)
        {
            error += (double)bin.Count / total * Math.Abs(bin.MeanScore - bin.PositiveRate);
        }

        return error;
    }
}
