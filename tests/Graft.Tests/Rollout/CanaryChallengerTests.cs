using Graft.Rollout;
using Graft.Rollout.Challengers;

namespace Graft.Tests.Rollout;

public class CanaryChallengerTests
{
    [Fact]
    public async Task A_canary_answers_its_sticky_share_of_entities_and_the_champion_answers_the_rest()
    {
        await using var scenario = await ChallengerScenario.CreateAsync();
        var process = scenario.Start();
        await scenario.SetAsync(ChallengerMode.Canary, 20, process);
        var requests = ChallengerScenario.Requests(2000);

        var first = await process.PredictAsync(requests);
        var again = await process.PredictAsync(requests);

        var inShare = requests.Select(r => Cohorts.Contains(20, Cohorts.CanaryGroup("toy"), r.EntityId!)).ToList();
        Assert.Equal(inShare.Select(c => c ? scenario.Challenger : scenario.Champion), first.Select(a => a.ModelVersion));
        Assert.Equal(first.Select(a => a.ModelVersion), again.Select(a => a.ModelVersion));
        Assert.InRange(first.Count(a => a.ModelVersion == scenario.Challenger) / 2000.0, 0.17, 0.23); // 2,000 entities: ±3 points is over three standard deviations
        var direct = await scenario.ScoreBothAsync(requests);
        Assert.Equal(direct.Select((p, i) => inShare[i] ? p.Challenger.Score : p.Champion.Score), first.Select(a => a.Score)); // the challenger's own answer

        await process.Scorer.DrainAsync();
        var report = await new ChallengerControl(scenario.Home).ReportAsync("toy", default);
        Assert.Equal(("canary", 2 * inShare.Count(c => c)), (report.Mode, (int)report.Paired)); // the champion was scored beside each, off the path
    }

    [Fact]
    public async Task A_canary_report_gives_each_side_the_live_quality_of_the_answers_it_served()
    {
        await using var scenario = await ChallengerScenario.CreateAsync();
        var process = scenario.Start();
        await scenario.SetAsync(ChallengerMode.Canary, 30, process);
        var answers = await process.PredictLoggedAsync(ChallengerScenario.Requests(200));
        var report = await new ChallengerControl(scenario.Home).ReportAsync("toy", default);
        Assert.Equal(ChallengerReport.NoOutcomesYet, report.LiveQualityNote);
        Assert.Null(report.Challenger.LiveQuality);

        // the outcome is the served label, except on every third answer of the champion: the challenger's answers are all right
        var truths = answers.Select((a, i) => a.ModelVersion == scenario.Champion && i % 3 == 0 ? (a.Label == "yes" ? "no" : "yes") : a.Label!).ToList();
        await new Graft.Feedback.OutcomeRecorder(scenario.Home).RecordAsync("toy",
            [.. answers.Select((a, i) => new Graft.Feedback.OutcomeReport(a.PredictionId, null, null, truths[i], null))], Graft.Testing.TestActors.Tester, default);

        report = await new ChallengerControl(scenario.Home).ReportAsync("toy", default);
        Assert.Equal(ChallengerReport.BothSides, report.LiveQualityNote);
        var (champion, challenger) = (report.Champion.LiveQuality!, report.Challenger.LiveQuality!);
        Assert.Equal(answers.Count(a => a.ModelVersion == scenario.Champion), champion.Rows);
        Assert.Equal(answers.Count(a => a.ModelVersion == scenario.Challenger), challenger.Rows);
        Assert.Equal(1.0, (double)challenger.Values["accuracy"]);
        var championRight = answers.Where((a, i) => a.ModelVersion == scenario.Champion && a.Label == truths[i]).Count();
        Assert.Equal(Math.Round((double)championRight / champion.Rows, 6), (double)champion.Values["accuracy"], 9);
    }
}
