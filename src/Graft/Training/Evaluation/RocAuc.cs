namespace Graft.Training.Evaluation;

/// <summary>
/// Area under the ROC curve as the Mann–Whitney statistic: the share of (positive, negative) pairs
/// the model orders correctly, a tied pair counting 1/2. Equal to the rank-sum form with average ranks.
/// </summary>
internal static class RocAuc
{
    public static double Compute(RankedScores ranked)
    {
        if (ranked.Positives == 0 || ranked.Negatives == 0)
        {
            return double.NaN;
        }

        // Sums of halves stay exact in a double up to 2^52 pairs.
        double correctPairs = 0;
        long negativesAtOrAbove = 0;
        foreach (var tie in ranked)
        {
            negativesAtOrAbove += tie.Negatives;
            var negativesBelow = ranked.Negatives - negativesAtOrAbove;
            correctPairs += tie.Positives * (negativesBelow + 0.5 * tie.Negatives);
        }

        return correctPairs / ((double)ranked.Positives * ranked.Negatives);
    }
}
