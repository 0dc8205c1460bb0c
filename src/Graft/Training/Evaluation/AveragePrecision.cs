namespace Graft.Training.Evaluation;

/// <summary>
/// Area under the precision–recall curve as scikit-learn's average_precision_score:
/// Σ (Rₙ − Rₙ₋₁)·Pₙ over distinct score thresholds, highest first. No interpolation, so it is not
/// optimistic the way the trapezoid rule is on PR curves.
/// </summary>
internal static class AveragePrecision
{
    public static double Compute(RankedScores ranked)
    {
        if (ranked.Positives == 0)
        {
            return double.NaN;
        }

        long truePositives = 0, falsePositives = 0;
        double sum = 0;
        foreach (var tie in ranked)
        {
            truePositives += tie.Positives;
            falsePositives += tie.Negatives;
            var recallGain = (double)tie.Positives / ranked.Positives;
            sum += recallGain * truePositives / (truePositives + falsePositives);
        }

        return sum;
    }
}
