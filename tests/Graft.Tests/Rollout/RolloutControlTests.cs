using Graft.Governance;
using Graft.Monitoring;
using Graft.Rollout;
using Graft.Testing;
using Graft.Tests.Storage;
using Graft.Tests.Training;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Rollout;

/// <summary>
/// Every move of the stage ladder against the gates that guard it, each refusal leaving the state and the trail as they
/// were, and each change an entry in the trail by whoever made it.
/// </summary>
public class RolloutControlTests
{
    /// <summary>A toy use case whose spec names everything the use-case gate asks for, starting where <paramref name="stage"/> says.</summary>
    private static string Spec(string stage) => ToyData.Spec + $"""

        decision: which toys to put on the shelf
        owners: {"{"} business: ana@example.com, on_call: ops@example.com {"}"}
        stage: {stage}
        """;

    private static readonly Actor Maintainer = Actor.Key("key_maint", "maintainer");
    private static readonly Actor Admin = Actor.Key("key_admin", "admin");

    private static async Task<TempHome> TrainedAsync(string stage = "off", bool appKey = true)
    {
        var temp = await TrainingScenario.CreateAsync(Spec(stage), ToyData.Csv(300));
        await TrainingScenario.TrainAsync(temp, "toy");
        if (appKey)
        {
            await new KeyStore(temp.Home).CreateAsync(Role.App, "toy", null, "the shop", TestActors.Tester, default);
        }
        return temp;
    }

    private static Task<RolloutChange> MoveAsync(TempHome temp, Stage stage, Actor? actor = null, int? cohort = null, bool overrideGates = false, string reason = "next step") =>
        new RolloutControl(temp.Home).ChangeStageAsync("toy", new StageChange(stage, cohort, reason, overrideGates), actor ?? Maintainer, default);

    private static async Task<RolloutState> StateAsync(TempHome temp) => (await new RolloutControl(temp.Home).StatusAsync("toy", default)).State;

    private static readonly string[] RolloutActs = [TrailActs.StageChanged, TrailActs.GateOverridden, TrailActs.UseCaseKilled, TrailActs.UseCaseRevived];

    /// <summary>The rollout's entries of toy's trail (applying, importing and training come before them).</summary>
    private static async Task<List<TrailEntry>> TrailAsync(TempHome temp)
    {
        await using var db = temp.Home.CreateDb();
        return await db.TrailEntries.AsNoTracking().Where(e => e.UseCaseId == "toy" && RolloutActs.Contains(e.Act)).OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <summary>Asserts a refusal of the given kind whose message says <paramref name="says"/>, with nothing changed.</summary>
    private static async Task RefusedAsync(TempHome temp, FailureKind kind, string says, Func<Task> act)
    {
        var before = (await StateAsync(temp)).Snapshot();
        var trail = (await TrailAsync(temp)).Count;

        var error = await Assert.ThrowsAsync<GraftException>(act);

        Assert.Equal(kind, error.Kind);
        Assert.Contains(says, error.Message);
        Assert.Equal(before, (await StateAsync(temp)).Snapshot());
        Assert.Equal(trail, (await TrailAsync(temp)).Count);
    }

    [Fact]
    public async Task A_use_case_starts_in_its_specs_stage_and_climbs_one_step_at_a_time()
    {
        await using var temp = await TrainedAsync("off");
        Assert.Equal(Stage.Off, (await StateAsync(temp)).Stage);

        await RefusedAsync(temp, FailureKind.Conflict, "one stage at a time", () => MoveAsync(temp, Stage.Assist));
        var shadow = await MoveAsync(temp, Stage.Shadow);

        Assert.Equal((Stage.Off, Stage.Shadow), (shadow.Before.Stage, shadow.After.Stage));
        Assert.Empty(shadow.Overridden);
        var entry = Assert.Single(await TrailAsync(temp));
        Assert.Equal((TrailActs.StageChanged, "key:key_maint", "maintainer", "next step"), (entry.Act, entry.ActorId, entry.ActorRole, entry.Reason));
        Assert.Equal("""{"stage":"off","cohort_percent":100}""", entry.Before);
        Assert.Equal("""{"stage":"shadow","cohort_percent":100}""", entry.After);
    }

    [Fact]
    public async Task Leaving_off_is_blocked_by_a_failing_service_gate_and_passes_once_it_holds()
    {
        await using var temp = await TrainedAsync("off", appKey: false);

        await RefusedAsync(temp, FailureKind.Blocked, "service/keys failed: no app key", () => MoveAsync(temp, Stage.Shadow));
        await new KeyStore(temp.Home).CreateAsync(Role.App, "toy", null, "the shop", TestActors.Tester, default);
        var moved = await MoveAsync(temp, Stage.Shadow);

        Assert.Equal(Stage.Shadow, moved.After.Stage);
    }

    [Fact]
    public async Task Leaving_shadow_needs_enough_traffic_and_agreement_with_the_rule()
    {
        await using var temp = await TrainedAsync("shadow");
        await new KeyStore(temp.Home).CreateAsync(Role.Reviewer, null, null, "the team", TestActors.Tester, default);
        var status = await new RolloutControl(temp.Home).StatusAsync("toy", default);
        Assert.Equal(GateOutcome.Inconclusive, Gate(status, "rollout", "traffic").Result);
        Assert.Equal(GateOutcome.Inconclusive, Gate(status, "rollout", "agreement").Result);

        await TrafficAsync(temp, Stage.Shadow, requests: 600, compared: 600, agreements: 500);
        status = await new RolloutControl(temp.Home).StatusAsync("toy", default);
        var agreement = Gate(status, "rollout", "agreement");

        Assert.Equal(GateOutcome.Successful, Gate(status, "rollout", "traffic").Result);
        Assert.Equal(GateOutcome.Failed, agreement.Result);
        Assert.Equal(500.0 / 600, agreement.Numbers!["agreement"], 12);
        Assert.Contains("agreed with the rule's on 83.3 % of 600 answers", agreement.Evidence);

        await TrafficAsync(temp, Stage.Shadow, requests: 400, compared: 400, agreements: 400);
        status = await new RolloutControl(temp.Home).StatusAsync("toy", default);

        Assert.Equal(GateOutcome.Successful, Gate(status, "rollout", "agreement").Result); // 900 of 1,000
        Assert.Equal(0.9, Gate(status, "rollout", "agreement").Numbers!["agreement"], 12);
    }

    [Fact]
    public async Task Traffic_of_an_earlier_stage_does_not_count_for_the_current_one()
    {
        await using var temp = await TrainedAsync("off");
        await TrafficAsync(temp, Stage.Shadow, requests: 900, compared: 900, agreements: 900); // before this shadow began
        temp.Time.Advance(TimeSpan.FromMinutes(2));
        await MoveAsync(temp, Stage.Shadow);

        var status = await new RolloutControl(temp.Home).StatusAsync("toy", default);

        Assert.Equal(GateOutcome.Inconclusive, Gate(status, "rollout", "traffic").Result);
        Assert.Equal(0, Gate(status, "rollout", "traffic").Numbers!["model_answers"]);
    }

    [Fact]
    public async Task Only_an_admin_overrides_a_gate_and_the_override_is_in_the_status_and_the_trail()
    {
        await using var temp = await TrainedAsync("shadow");

        await RefusedAsync(temp, FailureKind.Blocked, "rollout/traffic inconclusive", () => MoveAsync(temp, Stage.Assist, cohort: 10));
        await RefusedAsync(temp, FailureKind.Forbidden, "only an admin", () => MoveAsync(temp, Stage.Assist, cohort: 10, overrideGates: true));
        var moved = await MoveAsync(temp, Stage.Assist, Admin, cohort: 10, overrideGates: true, reason: "pilot with the night shift");

        Assert.Equal((Stage.Assist, 10), (moved.After.Stage, moved.After.CohortPercent));
        Assert.Contains(moved.Overridden, o => (o.Phase, o.Name) == ("rollout", "traffic"));
        Assert.Contains(moved.Overridden, o => (o.Phase, o.Name) == ("workflow", "reviewers"));
        var status = await new RolloutControl(temp.Home).StatusAsync("toy", default);
        var reviewers = Gate(status, "workflow", "reviewers");
        Assert.Equal(GateOutcome.Overridden, reviewers.Result);
        Assert.Contains("let through by key:key_admin", reviewers.Evidence);
        Assert.Contains("pilot with the night shift", reviewers.Evidence);
        var entry = (await TrailAsync(temp)).Last();
        Assert.Equal(TrailActs.GateOverridden, entry.Act);
        Assert.Equal("admin", entry.ActorRole);
        Assert.Contains("\"overridden\":[", entry.After);
        Assert.Contains("workflow/reviewers", entry.After);
    }

    [Fact]
    public async Task Moving_down_needs_no_gate_and_the_cohort_changes_within_a_stage()
    {
        await using var temp = await TrainedAsync("auto", appKey: false);

        var down = await MoveAsync(temp, Stage.Assist, cohort: 25);
        var wider = await MoveAsync(temp, Stage.Assist, cohort: 50);
        var off = await MoveAsync(temp, Stage.Off);

        Assert.Equal((Stage.Assist, 25), (down.After.Stage, down.After.CohortPercent));
        Assert.Equal((Stage.Assist, 50), (wider.After.Stage, wider.After.CohortPercent));
        Assert.Equal(Stage.Off, off.After.Stage);
        Assert.Equal(3, (await TrailAsync(temp)).Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task A_cohort_outside_0_to_100_is_refused(int cohort)
    {
        await using var temp = await TrainedAsync("assist");
        await RefusedAsync(temp, FailureKind.Invalid, "0 to 100", () => MoveAsync(temp, Stage.Assist, cohort: cohort));
    }

    [Fact]
    public async Task Every_change_needs_a_reason()
    {
        await using var temp = await TrainedAsync("off");
        var control = new RolloutControl(temp.Home);

        await RefusedAsync(temp, FailureKind.Invalid, "needs a reason", () => MoveAsync(temp, Stage.Shadow, reason: " "));
        await RefusedAsync(temp, FailureKind.Invalid, "needs a reason", () => control.KillAsync("toy", "", Maintainer, default));
        await RefusedAsync(temp, FailureKind.Invalid, "needs a reason", () => control.ReviveAsync("toy", "", Maintainer, default));
    }

    [Fact]
    public async Task A_killed_use_case_cannot_be_raised_until_revived_and_both_are_in_the_trail()
    {
        await using var temp = await TrainedAsync("shadow");
        var control = new RolloutControl(temp.Home);

        var killed = await control.KillAsync("toy", "scores look wrong since the deploy", Maintainer, default);
        await RefusedAsync(temp, FailureKind.Conflict, "revive it before raising", () => MoveAsync(temp, Stage.Assist, Admin, overrideGates: true));
        var lowered = await MoveAsync(temp, Stage.Off);
        var revived = await control.ReviveAsync("toy", "fixed the feature pipeline", Admin, default);

        Assert.True(killed.After.Killed);
        Assert.True(lowered.After.Killed);
        Assert.False(revived.After.Killed);
        Assert.Equal([TrailActs.UseCaseKilled, TrailActs.StageChanged, TrailActs.UseCaseRevived], (await TrailAsync(temp)).Select(e => e.Act));
        Assert.Equal("""{"killed":true}""", (await TrailAsync(temp))[0].After);
        Assert.True((await new TrailVerifier(temp.Home).VerifyAsync(null, default)).Ok);
    }

    [Fact]
    public async Task Killing_an_unknown_use_case_is_not_found()
    {
        await using var temp = await TempHome.CreateAsync();

        var error = await Assert.ThrowsAsync<GraftException>(() => new RolloutControl(temp.Home).KillAsync("nope", "why not", Maintainer, default));

        Assert.Equal(FailureKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Two_writers_changing_one_rollout_at_once_both_land_in_order()
    {
        await using var temp = await TrainedAsync("assist");
        var other = await Graft.Storage.GraftHome.OpenAsync(temp.Root, temp.Time); // another process on the same store

        await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? new RolloutControl(temp.Home) : new RolloutControl(other))
                .ChangeStageAsync("toy", new StageChange(Stage.Assist, 10 + i, $"step {i}"), Maintainer, default)));

        var state = await StateAsync(temp);
        var trail = await TrailAsync(temp);
        Assert.Equal(6, trail.Count);
        Assert.Equal(6, state.Revision); // none lost: each writer that lost the race ran again on what the other left
        Assert.Contains($"\"cohort_percent\":{state.CohortPercent}", trail[^1].After);
        Assert.True((await new TrailVerifier(temp.Home).VerifyAsync(null, default)).Ok);
    }

    private static Gate Gate(RolloutStatus status, string phase, string name) => status.Gates.Single(g => g.Phase == phase && g.Name == name);

    private static async Task TrafficAsync(TempHome temp, Stage stage, long requests, long compared, long agreements)
    {
        await using var db = temp.Home.CreateDb();
        var window = new TrafficWindow("toy", stage, TrafficWindow.StartOf(temp.Home.Now));
        var stored = await db.TrafficWindows.FindAsync("toy", stage, window.Start);
        if (stored is null)
        {
            db.TrafficWindows.Add(window);
            stored = window;
        }
        stored.Add(new TrafficCounts(requests, requests, 0, compared, agreements));
        await db.SaveChangesAsync();
    }
}
