using Graft.Rollout;
using Graft.Rollout.Challengers;
using Graft.Storage;

namespace Graft.Tests.Rollout;

public class ShadowChallengerTests
{
    [Fact]
    public async Task A_shadow_challenger_never_changes_an_answer()
    {
        await using var scenario = await ChallengerScenario.CreateAsync();
        var process = scenario.Start();
        var requests = ChallengerScenario.Requests(600);
        var without = await process.PredictAsync(requests);

        await scenario.SetAsync(ChallengerMode.Shadow, 100, process);
        var with = await process.PredictAsync(requests);

        Assert.Equal(without.Select(ChallengerScenario.Key), with.Select(ChallengerScenario.Key));
        Assert.All(with, a => Assert.Equal(scenario.Champion, a.ModelVersion));
        Assert.Equal(600, process.Samples.Offered); // every answer had the challenger beside it
        var differ = (await scenario.ScoreBothAsync(requests)).Count(p => p.Champion.Label != p.Challenger.Label);
        Assert.True(differ > 0, "the two versions must disagree somewhere for this to show anything");
    }

    [Fact]
    public async Task The_report_counts_the_sampled_requests_and_says_what_both_versions_scored_directly_say()
    {
        await using var scenario = await ChallengerScenario.CreateAsync();
        var process = scenario.Start();
        await scenario.SetAsync(ChallengerMode.Shadow, 30, process);
        var requests = ChallengerScenario.Requests(1000);

        await process.PredictAsync(requests);
        await process.Scorer.DrainAsync();
        var report = await new ChallengerControl(scenario.Home).ReportAsync("toy", default);

        var sampled = requests.Where(r => Cohorts.Contains(30, Cohorts.CanaryGroup("toy"), r.EntityId!)).ToList();
        var both = await scenario.ScoreBothAsync(sampled);
        Assert.Equal((sampled.Count, sampled.Count), (report.Compared, report.Paired));
        PairStatistics.AssertSays(report, both);
        Assert.Equal((0, 0), (report.Champion.Errors, report.Challenger.Errors));
        Assert.Equal((scenario.Champion, scenario.Challenger), (report.Champion.Version, report.Challenger.Version));
        Assert.Null(report.Champion.LiveQuality);
        Assert.Equal(ChallengerReport.NoOutcomesYet, report.LiveQualityNote);
        var most = both.Max(p => Math.Abs(p.Champion.Score!.Value - p.Challenger.Score!.Value));
        Assert.True(report.Disagreements.Count == ComparisonTally.KeptDisagreements && report.Disagreements.All(d => d.ScoreDifference <= most + 1e-6));
        Assert.All(report.Disagreements, d => Assert.True(d.Inputs.TryGetProperty("x", out _)));
    }

    [Fact]
    public async Task Two_processes_on_one_store_report_together_what_one_would_over_all_their_requests()
    {
        await using var scenario = await ChallengerScenario.CreateAsync();
        var other = await GraftHome.OpenAsync(scenario.Temp.Root, scenario.Temp.Time); // a second graft serve on the same store
        var (a, b) = (scenario.Start(), scenario.Start(other));
        await scenario.SetAsync(ChallengerMode.Shadow, 100, a);
        var requests = ChallengerScenario.Requests(800);

        for (var round = 0; round < 8; round++) // each round, both save at once: the later one adds to what the first left
        {
            await a.PredictAsync(requests.Skip(round * 100).Take(50));
            await b.PredictAsync(requests.Skip((round * 100) + 50).Take(50));
            await Task.WhenAll(Task.Run(a.Scorer.DrainAsync), Task.Run(b.Scorer.DrainAsync));
        }
        var report = await new ChallengerControl(scenario.Home).ReportAsync("toy", default);

        var both = await scenario.ScoreBothAsync(requests);
        Assert.Equal(800, report.Compared);
        PairStatistics.AssertSays(report, both);
        var top = both.Select((p, i) => (Differ: p.Champion.Label != p.Challenger.Label, Difference: Math.Round(Math.Abs(p.Champion.Score!.Value - p.Challenger.Score!.Value), 7)))
            .OrderByDescending(d => d.Differ).ThenByDescending(d => d.Difference).Take(ComparisonTally.KeptDisagreements).Select(d => d.Difference);
        Assert.Equal(top, report.Disagreements.Select(d => d.ScoreDifference)); // the most disagreeing of both processes' requests
    }
}
