using System.Text;
using Graft.Rollout.Challengers;

namespace Graft.Tests.Rollout;

public class ComparisonTallyTests
{
    private static ComparedPair Pair(int i, string championLabel, double champion, string challengerLabel, double challenger) =>
        new($"p{i:D3}", new DateTime(2026, 1, 1, 9, 0, i % 60, DateTimeKind.Utc), new ComparedAnswer(championLabel, champion), 10 + i,
            new ComparedAnswer(challengerLabel, challenger), 20 + i, Encoding.UTF8.GetBytes($$"""{"x":{{i}},"email":"••••••"}"""));

    [Fact]
    public void Agreement_correlation_and_mean_difference_of_four_pairs_are_those_worked_out_by_hand()
    {
        var tally = new ComparisonTally();
        // champion 1 2 3 4, challenger 2 4 5 4: means 2.5 and 3.75, co-deviation 3.5, squares 5 and 4.75
        tally.Add(Pair(0, "no", 1, "no", 2));
        tally.Add(Pair(1, "no", 2, "yes", 4));
        tally.Add(Pair(2, "yes", 3, "yes", 5));
        tally.Add(Pair(3, "yes", 4, "yes", 4));

        Assert.Equal(4, tally.Paired);
        Assert.Equal(0.75, tally.LabelAgreement());
        Assert.Equal(3.5 / Math.Sqrt(5 * 4.75), tally.Scores.Correlation()!.Value, 12);
        Assert.Equal((1 + 2 + 2 + 0) / 4.0, tally.Scores.MeanAbsoluteDifference()!.Value, 12);
        Assert.Equal(["p001", "p002", "p000", "p003"], tally.Disagreements.Select(d => d.PredictionId)); // a different label first, then the larger difference
        Assert.Equal("••••••", tally.Disagreements[0].Inputs.GetProperty("email").GetString()); // as the log keeps them
    }

    [Fact]
    public void A_tally_merged_from_parts_says_what_one_tally_of_every_pair_says()
    {
        var random = new Random(7);
        var pairs = Enumerable.Range(0, 3000).Select(i =>
        {
            var champion = random.NextDouble();
            var challenger = Math.Clamp(champion + ((random.NextDouble() - 0.5) * 0.3), 0, 1);
            return i % 97 == 0
                ? new ComparedPair($"p{i:D4}", DateTime.UnixEpoch, null, 0, new ComparedAnswer(challenger > 0.5 ? "yes" : "no", challenger), 5, "{}"u8.ToArray())
                : Pair(i, champion > 0.5 ? "yes" : "no", champion, challenger > 0.5 ? "yes" : "no", challenger);
        }).ToList();
        var whole = new ComparisonTally();
        pairs.ForEach(whole.Add);

        var parts = Enumerable.Range(0, 3).Select(_ => new ComparisonTally()).ToList();
        for (var i = 0; i < pairs.Count; i++)
        {
            parts[(i * 31 + i / 7) % 3].Add(pairs[i]);
        }
        var merged = new ComparisonTally();
        merged.Merge(parts[0]);
        var row = new ChallengerComparison(new ComparisonKey("toy", "toy-v1", "toy-v2", DateTime.UnixEpoch)); // the rest through the store's JSON, as processes add
        row.Add(parts[1], DateTime.UnixEpoch);
        row.Add(parts[2], DateTime.UnixEpoch);
        merged.Merge(row.Tally());

        var both = pairs.Where(p => p.Champion is not null).ToList();
        Assert.Equal((pairs.Count, both.Count, 31L, 0L), (merged.Compared, merged.Paired, merged.ChampionErrors, merged.ChallengerErrors));
        Assert.Equal(PairStatistics.Agreement([.. both.Select(p => p.Champion!.Label)], [.. both.Select(p => p.Challenger!.Label)]), merged.LabelAgreement()!.Value, 12);
        var (x, y) = (both.Select(p => p.Champion!.Score).ToList(), both.Select(p => p.Challenger!.Score).ToList());
        Assert.Equal(PairStatistics.Pearson(x, y), merged.Scores.Correlation()!.Value, 10);
        Assert.Equal(PairStatistics.MeanAbsoluteDifference(x, y), merged.Scores.MeanAbsoluteDifference()!.Value, 10);
        Assert.Equal(whole.Scores.Correlation()!.Value, merged.Scores.Correlation()!.Value, 10);
        Assert.Equal(whole.Disagreements.Select(d => d.PredictionId), merged.Disagreements.Select(d => d.PredictionId));
        Assert.Equal(whole.ChallengerLatency.QuantileMs(0.99), merged.ChallengerLatency.QuantileMs(0.99));
        Assert.Equal(ComparisonTally.KeptDisagreements, merged.Disagreements.Count);
    }

    [Fact]
    public void A_latency_quantile_is_within_a_bucket_above_the_time_measured()
    {
        var histogram = new LatencyHistogram();
        var times = Enumerable.Range(1, 1000).Select(i => i * 3.7).ToList(); // 3.7 µs to 3.7 ms
        times.ForEach(histogram.Add);

        var p50 = times.Order().ElementAt(499) / 1000;
        var p99 = times.Order().ElementAt(989) / 1000;
        Assert.InRange(histogram.QuantileMs(0.5)!.Value, p50 - 1e-4, p50 * 1.045); // shown to a tenth of a microsecond
        Assert.InRange(histogram.QuantileMs(0.99)!.Value, p99 - 1e-4, p99 * 1.045);
        Assert.Null(new LatencyHistogram().QuantileMs(0.5));
    }
}
