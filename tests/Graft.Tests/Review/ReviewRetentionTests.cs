using Graft.Governance;
using Graft.Review;
using Graft.Testing;
using Graft.Tests.Rollout;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Review;

/// <summary>Retention of the queue: inputs copied into items drop with the log's, and closed items go with their feedback.</summary>
public class ReviewRetentionTests
{
    [Fact]
    public async Task Items_lose_their_inputs_at_inputs_and_closed_ones_go_with_their_decisions_at_feedback_unless_decided_since()
    {
        await using var s = await ReviewScenario.CreateAsync(extra: "retention: { inputs: 30d, feedback: 60d }\n");
        var answers = await s.PredictAsync(ChallengerScenario.Requests(3));
        var (decided, corrected, open) = (answers[0].ReviewId!, answers[1].ReviewId!, answers[2].ReviewId!);
        var ann = ReviewScenario.Reviewer("ann");
        var first = new Dictionary<string, ReviewDecisionView>();
        foreach (var id in new[] { decided, corrected })
        {
            var claim = await s.Queue.ClaimAsync(id, ann, default);
            first[id] = await s.Queue.DecideAsync(id, new DecisionRequest(ReviewDecisions.Accept, claim.Token), ann, default);
        }

        s.Temp.Time.Advance(TimeSpan.FromDays(40));
        var run = Assert.Single(await new Retention(s.Home).RunAsync(TestActors.Tester, default));
        Assert.Equal(0, run.ReviewItemsDeleted);
        await using (var db = s.Home.CreateDb())
        {
            Assert.All(await db.ReviewItems.AsNoTracking().ToListAsync(), i => Assert.Equal("{}", i.InputsJson)); // dropped with the log's
        }
        var flipped = answers[1].Label == "yes" ? "no" : "yes";
        await s.Queue.DecideAsync(corrected, new DecisionRequest(ReviewDecisions.Override, Label: flipped, Reason: "wrong_label", Corrects: first[corrected].Id), ann, default);

        s.Temp.Time.Advance(TimeSpan.FromDays(30)); // 70 days on: the first decisions are past feedback's 60, the correction is not
        await s.Queue.RefreshAsync(default); // the open item expires now, so it closes now
        run = Assert.Single(await new Retention(s.Home).RunAsync(TestActors.Tester, default));

        Assert.Equal(1, run.ReviewItemsDeleted);
        await using var after = s.Home.CreateDb();
        Assert.Equal(new[] { corrected, open }.Order(), (await after.ReviewItems.AsNoTracking().Select(i => i.Id).ToListAsync()).Order());
        Assert.False(await after.ReviewDecisions.AnyAsync(d => d.ItemId == decided));
        Assert.False(await after.ReviewClaims.AnyAsync(c => c.ItemId == decided));
        Assert.Equal(2, await after.ReviewDecisions.CountAsync(d => d.ItemId == corrected)); // kept whole: decided again since
        Assert.True((await new TrailVerifier(s.Home).VerifyAsync(null, default)).Ok);
    }
}
