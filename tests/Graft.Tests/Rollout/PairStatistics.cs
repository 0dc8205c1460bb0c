using Graft.Rollout.Challengers;
using Graft.Serving;

namespace Graft.Tests.Rollout;

/// <summary>What a comparison's numbers must be, computed the plain two-pass way, independently of the tally's running moments.</summary>
internal static class PairStatistics
{
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var co = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        return co / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
    }

    public static double MeanAbsoluteDifference(IReadOnlyList<double> x, IReadOnlyList<double> y) => x.Zip(y).Average(p => Math.Abs(p.First - p.Second));

    public static double Agreement(IReadOnlyList<string?> x, IReadOnlyList<string?> y) => x.Zip(y).Average(p => p.First == p.Second ? 1.0 : 0.0);

    /// <summary>A report's agreement, correlation and mean difference are those of the two versions' answers scored directly.</summary>
    public static void AssertSays(ChallengerReport report, IReadOnlyList<(ModelOutput Champion, ModelOutput Challenger)> both)
    {
        var (x, y) = (both.Select(p => p.Champion.Score!.Value).ToList(), both.Select(p => p.Challenger.Score!.Value).ToList());
        Assert.Equal(Agreement([.. both.Select(p => p.Champion.Label)], [.. both.Select(p => p.Challenger.Label)]), report.LabelAgreement!.Value, 6);
        Assert.Equal(Pearson(x, y), report.ScoreCorrelation!.Value, 6);
        Assert.Equal(MeanAbsoluteDifference(x, y), report.MeanAbsoluteScoreDifference!.Value, 6);
    }
}
