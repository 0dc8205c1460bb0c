using Graft.Governance;
using Graft.Review;
using Graft.Rollout;
using Graft.Testing;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Review;

/// <summary>The queue's state machine: every transition, concurrent claimers, leases that run out, and what is refused.</summary>
public class ReviewQueueTests
{
    private static readonly DecisionRequest Accept = new(ReviewDecisions.Accept);

    [Fact]
    public async Task A_claimed_item_accepted_is_decided_once_and_the_decision_is_in_the_trail()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var id = await s.ItemAsync();
        var ann = ReviewScenario.Reviewer("ann");

        var claim = await s.Queue.ClaimAsync(id, ann, default);
        Assert.Equal(ReviewStates.Claimed, (await s.Queue.ShowAsync(id, ann, default)).Item.State);
        Assert.Equal("key:ann", (await s.Queue.ShowAsync(id, ann, default)).Item.Assignee);
        var decision = await s.Queue.DecideAsync(id, Accept with { Token = claim.Token }, ann, default);

        var shown = await s.Queue.ShowAsync(id, ann, default);
        Assert.Equal((ReviewStates.Decided, 1), (shown.Item.State, shown.Item.Decisions));
        Assert.Equal((shown.Item.Label, shown.Item.Label), (decision.LabelBefore, decision.Label));
        var twice = await Assert.ThrowsAsync<GraftException>(() => s.Queue.DecideAsync(id, Accept with { Token = claim.Token }, ann, default));
        Assert.Equal(FailureKind.Conflict, twice.Kind);
        var entries = await new TrailReader(s.Home).ListAsync(new TrailFilter("toy"), default);
        var entry = Assert.Single(entries, e => e.Act == TrailActs.ReviewDecided);
        Assert.Equal((id, "key:ann"), (entry.Subject, entry.ActorId));
        Assert.True((await new TrailVerifier(s.Home).VerifyAsync(null, default)).Ok);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Fifty_concurrent_claimers_on_one_item_one_wins_each_slot(int overlap)
    {
        await using var s = await ReviewScenario.CreateAsync($"band: [0, 1], overlap: {overlap}, {ReviewScenario.Reasons}");
        var id = await s.ItemAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            try
            {
                return ((ReviewClaimView?)await s.Queue.ClaimAsync(id, ReviewScenario.Reviewer($"r{i}"), default), (GraftException?)null);
            }
            catch (GraftException e)
            {
                return ((ReviewClaimView?)null, (GraftException?)e);
            }
        })));

        var won = attempts.Where(a => a.Item1 is not null).Select(a => a.Item1!).ToList();
        Assert.Equal(overlap, won.Count);
        Assert.Equal(Enumerable.Range(0, overlap), won.Select(c => c.Slot).Order());
        Assert.Equal(overlap, won.Select(c => c.Token).Distinct().Count());
        Assert.All(attempts.Where(a => a.Item1 is null), a => Assert.Equal(FailureKind.Conflict, a.Item2!.Kind));
        await using var db = s.Home.CreateDb();
        Assert.Equal(overlap, await db.ReviewClaims.CountAsync(c => c.ItemId == id));
    }

    [Fact]
    public async Task A_lease_that_runs_out_mid_decision_is_refused_by_its_fencing_token_and_the_new_claim_decides()
    {
        await using var s = await ReviewScenario.CreateAsync($"band: [0, 1], claim_minutes: 10, {ReviewScenario.Reasons}");
        var id = await s.ItemAsync();
        var (ann, bob) = (ReviewScenario.Reviewer("ann"), ReviewScenario.Reviewer("bob"));
        var first = await s.Queue.ClaimAsync(id, ann, default);
        Assert.Equal(FailureKind.Conflict, (await Assert.ThrowsAsync<GraftException>(() => s.Queue.ClaimAsync(id, bob, default))).Kind);

        s.Temp.Time.Advance(TimeSpan.FromMinutes(11)); // ann is still deciding
        var ranOut = await Assert.ThrowsAsync<GraftException>(() => s.Queue.DecideAsync(id, Accept with { Token = first.Token }, ann, default));
        Assert.Contains("ran out", ranOut.Message, StringComparison.Ordinal);
        var second = await s.Queue.ClaimAsync(id, bob, default);
        Assert.True(second.Token > first.Token);
        var late = await Assert.ThrowsAsync<GraftException>(() => s.Queue.DecideAsync(id, Accept with { Token = first.Token }, ann, default));
        Assert.Equal(FailureKind.Conflict, late.Kind);
        Assert.Contains("superseded", late.Message, StringComparison.Ordinal);

        var decided = await s.Queue.DecideAsync(id, Accept with { Token = second.Token }, bob, default);
        Assert.Equal("key:bob", decided.Reviewer);
        Assert.Equal(ReviewStates.Decided, (await s.Queue.ShowAsync(id, bob, default)).Item.State);
    }

    [Fact]
    public async Task Deciding_an_item_claimed_by_someone_else_or_not_claimed_is_refused()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var id = await s.ItemAsync();
        var (ann, bob) = (ReviewScenario.Reviewer("ann"), ReviewScenario.Reviewer("bob"));
        Assert.Equal(FailureKind.Conflict, (await Assert.ThrowsAsync<GraftException>(() => s.Queue.DecideAsync(id, Accept with { Token = 1 }, ann, default))).Kind);
        Assert.Equal(FailureKind.Invalid, (await Assert.ThrowsAsync<GraftException>(() => s.Queue.DecideAsync(id, Accept, ann, default))).Kind);
        var claim = await s.Queue.ClaimAsync(id, ann, default);
        var other = await Assert.ThrowsAsync<GraftException>(() => s.Queue.DecideAsync(id, Accept with { Token = claim.Token }, bob, default));
        Assert.Contains("claimed by key:ann", other.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.NotFound, (await Assert.ThrowsAsync<GraftException>(() => s.Queue.DecideAsync("nope", Accept with { Token = 1 }, ann, default))).Kind);
    }

    [Theory]
    [InlineData("override", "no", null, "reason code")]
    [InlineData("override", "no", "because", "not one of the spec's reason codes")]
    [InlineData("override", "maybe", "wrong_label", "not one of the use case's classes")]
    [InlineData("override", null, "wrong_label", "corrected label")]
    [InlineData("escalate", null, "unsure", "names the role")]
    [InlineData("approve", null, null, "not a decision")]
    public async Task A_decision_that_says_too_little_or_the_wrong_thing_is_refused_and_nothing_is_recorded(string decision, string? label, string? reason, string message)
    {
        await using var s = await ReviewScenario.CreateAsync();
        var id = await s.ItemAsync();
        var ann = ReviewScenario.Reviewer("ann");
        var claim = await s.Queue.ClaimAsync(id, ann, default);

        var refused = await Assert.ThrowsAsync<GraftException>(() => s.Queue.DecideAsync(id, new DecisionRequest(decision, claim.Token, label, null, reason), ann, default));

        Assert.Equal(FailureKind.Invalid, refused.Kind);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        await using var db = s.Home.CreateDb();
        Assert.Equal(0, await db.ReviewDecisions.CountAsync());
        Assert.Equal(ReviewStates.Claimed, (await s.Queue.ShowAsync(id, ann, default)).Item.State);
        Assert.DoesNotContain(await new TrailReader(s.Home).ListAsync(new TrailFilter("toy"), default), e => e.Act == TrailActs.ReviewDecided);
    }

    [Fact]
    public async Task With_overlap_two_reviewers_decide_blind_and_the_item_closes_on_the_second_decision()
    {
        await using var s = await ReviewScenario.CreateAsync($"band: [0, 1], overlap: 2, {ReviewScenario.Reasons}");
        var id = await s.ItemAsync();
        var (ann, bob) = (ReviewScenario.Reviewer("ann"), ReviewScenario.Reviewer("bob"));
        var a = await s.Queue.ClaimAsync(id, ann, default);
        var b = await s.Queue.ClaimAsync(id, bob, default);
        var label = (await s.Queue.ShowAsync(id, ann, default)).Item.Label;
        var other = label == "yes" ? "no" : "yes";

        await s.Queue.DecideAsync(id, new DecisionRequest(ReviewDecisions.Override, a.Token, other, null, "wrong_label", "looks wrong"), ann, default);
        Assert.Equal(ReviewStates.Claimed, (await s.Queue.ShowAsync(id, bob, default)).Item.State);
        Assert.Empty((await s.Queue.ShowAsync(id, bob, default)).Decisions); // blind: bob does not see ann's
        Assert.Equal(FailureKind.Conflict, (await Assert.ThrowsAsync<GraftException>(() => s.Queue.ClaimAsync(id, ann, default))).Kind); // not twice

        await s.Queue.DecideAsync(id, Accept with { Token = b.Token }, bob, default);
        var closed = await s.Queue.ShowAsync(id, bob, default);
        Assert.Equal((ReviewStates.Decided, 2), (closed.Item.State, closed.Decisions.Count));
        Assert.Equal([other, label], closed.Decisions.Select(d => d.Label));
    }

    [Fact]
    public async Task An_escalated_item_is_claimed_only_by_the_role_it_went_to_which_decides_it()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var id = await s.ItemAsync();
        var ann = ReviewScenario.Reviewer("ann");
        var lead = Actor.Key("lead", "maintainer");
        var claim = await s.Queue.ClaimAsync(id, ann, default);

        await s.Queue.DecideAsync(id, new DecisionRequest(ReviewDecisions.Escalate, claim.Token, Reason: "policy question", EscalateTo: "maintainer"), ann, default);
        Assert.Equal((ReviewStates.Escalated, "maintainer"), ((await s.Queue.ShowAsync(id, ann, default)).Item.State, (await s.Queue.ShowAsync(id, ann, default)).Item.EscalatedTo));
        Assert.Equal(FailureKind.Forbidden, (await Assert.ThrowsAsync<GraftException>(() => s.Queue.ClaimAsync(id, ReviewScenario.Reviewer("bob"), default))).Kind);
        var escalated = await s.Queue.ClaimAsync(id, lead, default);
        await s.Queue.DecideAsync(id, new DecisionRequest(ReviewDecisions.Override, escalated.Token, "no", null, "missing_context"), lead, default);

        Assert.Equal(ReviewStates.Decided, (await s.Queue.ShowAsync(id, lead, default)).Item.State);
    }

    [Fact]
    public async Task A_correction_is_a_new_decision_naming_the_one_it_corrects_which_stays_as_it_was()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var id = await s.ItemAsync();
        var ann = ReviewScenario.Reviewer("ann");
        var claim = await s.Queue.ClaimAsync(id, ann, default);
        var first = await s.Queue.DecideAsync(id, Accept with { Token = claim.Token }, ann, default);
        var other = first.Label == "yes" ? "no" : "yes";

        var correction = await s.Queue.DecideAsync(id, new DecisionRequest(ReviewDecisions.Override, null, other, null, "wrong_label", Corrects: first.Id), ann, default);

        Assert.Equal((first.Id, other), (correction.Corrects, correction.Label));
        var decisions = (await s.Queue.ShowAsync(id, ann, default)).Decisions;
        Assert.Equal([(first.Id, first.Label), (correction.Id, other)], decisions.Select(d => (d.Id, d.Label)));
        Assert.Equal(FailureKind.NotFound, (await Assert.ThrowsAsync<GraftException>(() =>
            s.Queue.DecideAsync(id, new DecisionRequest(ReviewDecisions.Accept, Corrects: "nope"), ann, default))).Kind);
    }

    [Fact]
    public async Task A_released_claim_frees_the_slot_and_an_item_nobody_decides_expires()
    {
        await using var s = await ReviewScenario.CreateAsync($"band: [0, 1], expire_hours: 24, {ReviewScenario.Reasons}");
        var id = await s.ItemAsync();
        var (ann, bob) = (ReviewScenario.Reviewer("ann"), ReviewScenario.Reviewer("bob"));
        var claim = await s.Queue.ClaimAsync(id, ann, default);
        await s.Queue.ReleaseAsync(id, claim.Token, ann, default);
        Assert.Equal(ReviewStates.Pending, (await s.Queue.ShowAsync(id, ann, default)).Item.State);
        await s.Queue.ClaimAsync(id, bob, default);

        s.Temp.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(ReviewStates.Pending, (await s.Queue.ListAsync(new ReviewFilter("toy"), default))[0].State); // bob's lease ran out
        s.Temp.Time.Advance(TimeSpan.FromHours(24));
        Assert.Equal(1, await s.Queue.RefreshAsync(default));
        Assert.Equal(ReviewStates.Expired, (await s.Queue.ShowAsync(id, ann, default)).Item.State);
        Assert.Equal(FailureKind.Conflict, (await Assert.ThrowsAsync<GraftException>(() => s.Queue.ClaimAsync(id, ann, default))).Kind);
    }

    [Fact]
    public async Task Killing_the_use_case_or_lowering_its_stage_leaves_open_items_open_and_decidable()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var first = await s.ItemAsync(0);
        var second = await s.ItemAsync(1);
        var ann = ReviewScenario.Reviewer("ann");
        var claim = await s.Queue.ClaimAsync(first, ann, default);

        await new RolloutControl(s.Home).KillAsync("toy", "bad model", TestActors.Tester, default);
        await new RolloutControl(s.Home).ChangeStageAsync("toy", new StageChange(Stage.Shadow, null, "back to shadow"), TestActors.Tester, default);

        Assert.Equal([ReviewStates.Claimed, ReviewStates.Pending], (await s.Queue.ListAsync(new ReviewFilter("toy"), default)).OrderBy(i => i.Id != first).Select(i => i.State));
        await s.Queue.DecideAsync(first, Accept with { Token = claim.Token }, ann, default);
        var later = await s.Queue.ClaimAsync(second, ann, default);
        await s.Queue.DecideAsync(second, Accept with { Token = later.Token }, ann, default);
        Assert.All(await s.Queue.ListAsync(new ReviewFilter("toy"), default), i => Assert.Equal(ReviewStates.Decided, i.State));
        Assert.All(await s.PredictAsync(Tests.Rollout.ChallengerScenario.Requests(3, 10)), a => Assert.Null(a.ReviewId)); // killed: no new items
    }
}
