using System.Text.Json.Serialization;

namespace Graft.Rollout.Challengers;

/// <summary>
/// Running moments of paired scores (x the champion's, y the challenger's): their means, sums of squared deviations and
/// co-deviation, updated one pair at a time (Welford) and merged exactly between processes (Chan, Golub and LeVeque), so
/// the correlation of a million pairs is read from seven numbers, without the cancellation that plain sums of squares
/// suffer. Also the sum of absolute differences.
/// </summary>
public sealed class PairedScores
{
    [JsonInclude] public long Count { get; private set; }
    [JsonInclude] public double MeanChampion { get; private set; }
    [JsonInclude] public double MeanChallenger { get; private set; }
    [JsonInclude] public double SquaresChampion { get; private set; }
    [JsonInclude] public double SquaresChallenger { get; private set; }
    [JsonInclude] public double CoDeviation { get; private set; }
    [JsonInclude] public double AbsoluteDifferences { get; private set; }

    public void Add(double champion, double challenger)
    {
        Count++;
        var dx = champion - MeanChampion;
        MeanChampion += dx / Count;
        var dy = challenger - MeanChallenger;
        MeanChallenger += dy / Count;
        SquaresChampion += dx * (champion - MeanChampion);
        SquaresChallenger += dy * (challenger - MeanChallenger);
        CoDeviation += dx * (challenger - MeanChallenger);
        AbsoluteDifferences += Math.Abs(champion - challenger);
    }

    public void Merge(PairedScores other)
    {
        if (other.Count == 0)
        {
            return;
        }
        var (n, m) = ((double)Count, (double)other.Count);
        var total = n + m;
        var (dx, dy) = (other.MeanChampion - MeanChampion, other.MeanChallenger - MeanChallenger);
        SquaresChampion += other.SquaresChampion + (dx * dx * n * m / total);
        SquaresChallenger += other.SquaresChallenger + (dy * dy * n * m / total);
        CoDeviation += other.CoDeviation + (dx * dy * n * m / total);
        MeanChampion += dx * m / total;
        MeanChallenger += dy * m / total;
        AbsoluteDifferences += other.AbsoluteDifferences;
        Count += other.Count;
    }

    /// <summary>Pearson's correlation; null with fewer than two pairs or when either side never varied.</summary>
    public double? Correlation() => Count < 2 || SquaresChampion <= 0 || SquaresChallenger <= 0
        ? null
        : Math.Clamp(CoDeviation / Math.Sqrt(SquaresChampion * SquaresChallenger), -1, 1);

    public double? MeanAbsoluteDifference() => Count == 0 ? null : AbsoluteDifferences / Count;
}
