using Graft.Governance;
using Graft.Rollout;
using Graft.Rollout.Challengers;
using Graft.Testing;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Rollout;

public class ChallengerControlTests
{
    [Fact]
    public async Task Each_challenger_that_is_not_allowed_is_refused_with_its_kind_and_leaves_the_rollout_and_trail_as_they_were()
    {
        await using var scenario = await ChallengerScenario.CreateAsync();
        await new Graft.UseCases.UseCaseCatalog(scenario.Home).ApplyAsync(ToyData.Spec.Replace("id: toy", "id: other"), "other.yaml", TestActors.Tester, default);
        await new Graft.Data.DatasetCatalog(scenario.Home).ImportAsync("other", scenario.Temp.File("other.csv", ToyData.Csv(300)), TestActors.Tester, default);
        await Graft.Tests.Training.TrainingScenario.TrainAsync(scenario.Temp, "other");
        var control = new ChallengerControl(scenario.Home);
        Task Loads(string version, CancellationToken ct) => Graft.Serving.LoadedModel.LoadAsync(scenario.Home, version, ct);
        Task Broken(string version, CancellationToken ct) => throw GraftException.Conflict($"{version} cannot be served: its artifact does not match");
        var before = await StateAsync(scenario);

        var refusals = new (ChallengerChange Change, Func<string, CancellationToken, Task> Load, FailureKind Kind, string Says)[]
        {
            (new(scenario.Challenger, ChallengerMode.Shadow, 0, "too few"), Loads, FailureKind.Invalid, "1 to 100"),
            (new(scenario.Challenger, ChallengerMode.Canary, 101, "too many"), Loads, FailureKind.Invalid, "1 to 100"),
            (new(scenario.Challenger, ChallengerMode.Shadow, 10, " "), Loads, FailureKind.Invalid, "needs a reason"),
            (new("other-v1", ChallengerMode.Shadow, 10, "another's"), Loads, FailureKind.Invalid, "a version of other"),
            (new(scenario.Champion, ChallengerMode.Shadow, 10, "itself"), Loads, FailureKind.Conflict, "champion"),
            (new("toy-v99", ChallengerMode.Shadow, 10, "no such"), Loads, FailureKind.NotFound, "no model version"),
            (new(scenario.Challenger, ChallengerMode.Shadow, 10, "broken"), Broken, FailureKind.Conflict, "the challenger is unchanged"),
        };
        foreach (var (change, load, kind, says) in refusals)
        {
            var error = await Assert.ThrowsAsync<GraftException>(() => control.SetAsync("toy", change, TestActors.Tester, load, default));
            Assert.Equal(kind, error.Kind);
            Assert.Contains(says, error.Message);
        }
        var unknown = await Assert.ThrowsAsync<GraftException>(() => control.SetAsync("nope", new(scenario.Challenger, ChallengerMode.Shadow, 10, "x"), TestActors.Tester, Loads, default));
        Assert.Equal(FailureKind.NotFound, unknown.Kind);

        Assert.Equal(before, await StateAsync(scenario));
    }

    [Fact]
    public async Task Setting_and_clearing_are_trail_entries_with_the_challenger_before_and_after_and_status_shows_it()
    {
        await using var scenario = await ChallengerScenario.CreateAsync();
        var process = scenario.Start();

        await scenario.SetAsync(ChallengerMode.Canary, 15, process);
        var status = RolloutView.Of(await new RolloutControl(scenario.Home).StatusAsync("toy", default));
        await new ChallengerControl(scenario.Home).ClearAsync("toy", "done comparing", TestActors.Tester, default);

        Assert.Equal(new ChallengerView(scenario.Challenger, "canary", 15), status.Challenger);
        Assert.Equal("inconclusive", status.Gates.Single(g => g.Name == "challenger").Result);
        var entries = await TrailAsync(scenario);
        Assert.Equal([TrailActs.ChallengerChanged, TrailActs.ChallengerChanged], entries.Select(e => e.Act));
        Assert.Equal("""{"challenger":null}""", entries[0].Before);
        Assert.Equal($$$"""{"challenger":{"version":"{{{scenario.Challenger}}}","mode":"canary","percent":15}}""", entries[0].After);
        Assert.Equal(("""{"challenger":null}""", "done comparing"), (entries[1].After, entries[1].Reason));
        Assert.Null(RolloutView.Of(await new RolloutControl(scenario.Home).StatusAsync("toy", default)).Challenger);
    }

    [Fact]
    public async Task Promotion_waits_for_enough_paired_requests_then_makes_the_challenger_champion_and_clears_it()
    {
        await using var scenario = await ChallengerScenario.CreateAsync();
        var process = scenario.Start();
        await scenario.SetAsync(ChallengerMode.Shadow, 100, process);
        var control = new ChallengerControl(scenario.Home);
        await process.PredictAsync(ChallengerScenario.Requests(60));
        await process.Scorer.DrainAsync();

        var early = await Assert.ThrowsAsync<GraftException>(() => control.PromoteAsync("toy", "looks better", false, TestActors.Tester, process.State.ModelAsync, default));
        Assert.Equal(FailureKind.Blocked, early.Kind);
        Assert.Contains("60 of the 100", early.Message); // the spec's rollout.exit.min_predictions
        var notAdmin = await Assert.ThrowsAsync<GraftException>(() =>
            control.PromoteAsync("toy", "looks better", true, Actor.Key("key_m", "maintainer"), process.State.ModelAsync, default));
        Assert.Equal(FailureKind.Forbidden, notAdmin.Kind);
        Assert.Equal(scenario.Champion, (await new Graft.UseCases.UseCaseCatalog(scenario.Home).GetAsync("toy", default)).UseCase.ChampionVersion);

        await process.PredictAsync(ChallengerScenario.Requests(60, first: 60));
        await process.Scorer.DrainAsync();
        var facts = await RolloutFacts.ReadAsync(scenario.Home, "toy", default);
        var gate = RolloutGates.Challenger(facts)!;
        var tally = facts.Comparison!;
        var expected = tally.LabelAgreement() >= facts.Spec.Exit.MinAgreement ? GateOutcome.Successful : GateOutcome.Failed;
        Assert.Equal((120L, expected), (tally.Paired, gate.Result));

        var promotion = await control.PromoteAsync("toy", "it agrees and fails no more", overrideGate: expected == GateOutcome.Failed, TestActors.Tester, process.State.ModelAsync, default);

        Assert.Equal((scenario.Challenger, scenario.Champion), (promotion.Champion, promotion.Previous));
        Assert.Equal(scenario.Challenger, (await new Graft.UseCases.UseCaseCatalog(scenario.Home).GetAsync("toy", default)).UseCase.ChampionVersion);
        Assert.Null((await StateAsync(scenario)).Version);
        var (crowned, cleared) = ((await TrailAsync(scenario))[^2], (await TrailAsync(scenario))[^1]);
        Assert.Equal((TrailActs.ModelPromoted, crowned.Sequence + 1), (crowned.Act, cleared.Sequence)); // one transaction, one after the other
        Assert.Equal($"{{\"champion\":\"{scenario.Challenger}\"}}", crowned.After);
        Assert.Contains("\"challenger\":null", cleared.After);
    }

    [Fact]
    public void The_gate_fails_a_challenger_that_errs_more_than_the_champion_or_agrees_too_little()
    {
        var exit = new ExitCriteria(MinPredictions: 10, MinAgreement: 0.8);
        ComparisonTally Tally(int agreeing, int disagreeing, int challengerErrors)
        {
            var tally = new ComparisonTally();
            for (var i = 0; i < agreeing + disagreeing + challengerErrors; i++)
            {
                var label = i < agreeing ? "yes" : "no";
                var challenger = i >= agreeing + disagreeing ? null : new ComparedAnswer(label, 0.4);
                tally.Add(new ComparedPair($"p{i}", DateTime.UnixEpoch, new ComparedAnswer("yes", 0.5), 1, challenger, 1, "{}"u8.ToArray()));
            }
            return tally;
        }

        Assert.Equal(GateOutcome.Inconclusive, ChallengerExit.Gate(exit, Tally(9, 0, 0)).Result);
        Assert.Equal(GateOutcome.Successful, ChallengerExit.Gate(exit, Tally(8, 2, 0)).Result);
        Assert.Equal(GateOutcome.Failed, ChallengerExit.Gate(exit, Tally(7, 3, 0)).Result);
        var erring = ChallengerExit.Gate(exit, Tally(10, 0, 1));
        Assert.Equal(GateOutcome.Failed, erring.Result);
        Assert.Contains("failed on 1 of 11 requests, the champion on 0", erring.Evidence);
    }

    private static async Task<(string? Version, ChallengerMode? Mode, int Percent, int Revision, int Entries)> StateAsync(ChallengerScenario scenario)
    {
        await using var db = scenario.Home.CreateDb();
        var state = await db.RolloutStates.AsNoTracking().FirstOrDefaultAsync(s => s.UseCaseId == "toy");
        return (state?.ChallengerVersion, state?.ChallengerMode, state?.ChallengerPercent ?? 0, state?.Revision ?? 0, await db.TrailEntries.CountAsync());
    }

    private static async Task<List<TrailEntry>> TrailAsync(ChallengerScenario scenario)
    {
        await using var db = scenario.Home.CreateDb();
        return await db.TrailEntries.AsNoTracking()
            .Where(e => e.UseCaseId == "toy" && (e.Act == TrailActs.ChallengerChanged || e.Act == TrailActs.GateOverridden || e.Act == TrailActs.ModelPromoted))
            .OrderBy(e => e.Sequence).ToListAsync();
    }
}
