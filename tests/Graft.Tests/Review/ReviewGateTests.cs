using Graft.Review;
using Graft.Rollout;
using Graft.Tests.Rollout;

namespace Graft.Tests.Review;

/// <summary>What review feeds into the rollout's gates and readiness: the policy, and the override rate since the stage began.</summary>
public class ReviewGateTests
{
    [Theory]
    [InlineData("0.2", 5, GateOutcome.Failed)]     // 5 of 20 overridden: 25 % over a 20 % limit
    [InlineData("0.25", 5, GateOutcome.Successful)] // at the limit
    [InlineData("0.2", 4, GateOutcome.Successful)]
    public async Task The_override_rate_gate_weighs_the_decisions_since_the_stage_began(string limit, int overrides, GateOutcome expected)
    {
        await using var s = await ReviewScenario.CreateAsync(stage: "assist", extra: $"rollout: {{ exit: {{ max_override_rate: {limit} }} }}\n");
        var answers = await s.PredictAsync(ChallengerScenario.Requests(21));
        Assert.Equal(GateOutcome.Inconclusive, await OverrideGateAsync(s)); // no decision yet
        for (var i = 0; i < 20; i++)
        {
            var reviewer = ReviewScenario.Reviewer($"r{i}");
            var claim = await s.Queue.ClaimAsync(answers[i].ReviewId!, reviewer, default);
            var flipped = answers[i].Label == "yes" ? "no" : "yes";
            await s.Queue.DecideAsync(answers[i].ReviewId!, i < overrides
                ? new DecisionRequest(ReviewDecisions.Override, claim.Token, flipped, null, "wrong_label")
                : new DecisionRequest(ReviewDecisions.Accept, claim.Token), reviewer, default);
            if (i == 18)
            {
                Assert.Equal(GateOutcome.Inconclusive, await OverrideGateAsync(s)); // 19 decisions: too few to say
            }
        }
        var escalating = ReviewScenario.Reviewer("lead");
        var last = await s.Queue.ClaimAsync(answers[20].ReviewId!, escalating, default);
        await s.Queue.DecideAsync(answers[20].ReviewId!, new DecisionRequest(ReviewDecisions.Escalate, last.Token, Reason: "unsure", EscalateTo: "maintainer"), escalating, default);

        Assert.Equal(expected, await OverrideGateAsync(s)); // the escalation is no verdict on the model
        var status = await new RolloutControl(s.Home).StatusAsync("toy", default);
        Assert.Equal(GateOutcome.Successful, status.Gates.Single(g => g.Name == "review_policy").Result);
        Assert.Equal("yellow", status.Scorecard.Single(c => c.Dimension == "human_review").Color); // a policy, no reviewer key
    }

    private static async Task<GateOutcome> OverrideGateAsync(ReviewScenario s) =>
        (await new RolloutControl(s.Home).StatusAsync("toy", default)).Gates.Single(g => g.Name == "override_rate").Result;
}
