namespace Graft.Training.Evaluation;

/// <summary>The observed score that, used as "positive when score ≥ threshold", gives the highest F1.</summary>
internal static class F1ThresholdSearch
{
    public static double Find(RankedScores ranked)
    {
        if (ranked.Positives == 0)
        {
            return double.NaN;
        }

        long truePositives = 0, falsePositives = 0;
        var bestF1 = -1.0;
        var bestThreshold = double.NaN;
        foreach (var tie in ranked)
        {
            truePositives += tie.Positives;
            falsePositives += tie.Negatives;
            var f1 = ThresholdCounts.F1Of(truePositives, falsePositives, ranked.Positives - truePositives);

            // Strictly greater, walking down: on equal F1 the higher (more conservative) threshold stays.
            if (f1 > bestF1)
            {
                bestF1 = f1;
                bestThreshold = tie.Score;
            }
        }

        return bestThreshold;
    }
}
