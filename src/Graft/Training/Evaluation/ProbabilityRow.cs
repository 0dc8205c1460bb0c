namespace Graft.Training.Evaluation;

/// <summary>
/// Reading one row of class probabilities. Equal probabilities go to the lower class index, in
/// both argmax and rank, so top-1 of the ranking is always the predicted class.
/// </summary>
internal static class ProbabilityRow
{
    public static int ArgMax(ReadOnlySpan<double> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best]) best = c;
        }

        return best;
    }

    /// <summary>0 for the class that would be predicted, 1 for the runner-up, and so on.</summary>
    public static int RankOf(ReadOnlySpan<double> row, int classIndex)
    {
        var probability = row[classIndex];
        var rank = 0;
        for (var c = 0; c < row.Length; c++)
        {
            if (row[c] > probability || (row[c] == probability && c < classIndex)) rank++;
        }

        return rank;
    }
}
