using Graft.Review;
using Graft.Tests.Rollout;

namespace Graft.Tests.Review;

/// <summary>Review statistics against numbers worked out by hand.</summary>
public class ReviewStatsTests
{
    [Fact]
    public void Cohens_kappa_is_that_of_the_textbook_example()
    {
        // 50 items: both yes 20, yes/no 5, no/yes 10, both no 15: p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4
        var pairs = Enumerable.Repeat(("yes", "yes"), 20).Concat(Enumerable.Repeat(("yes", "no"), 5))
            .Concat(Enumerable.Repeat(("no", "yes"), 10)).Concat(Enumerable.Repeat(("no", "no"), 15)).ToList();
        Assert.Equal(0.4, Agreement.Cohen(pairs)!.Value, 12);
        Assert.Null(Agreement.Cohen([("yes", "yes"), ("yes", "yes")])); // one label throughout: chance explains it all
    }

    [Fact]
    public void Fleiss_kappa_is_the_hand_computed_one()
    {
        // 3 reviewers, 4 items: P_i = 1, 1/3, 1, 1/3 (mean 2/3); p_yes = p_no = 1/2, P_e = 1/2; κ = (2/3 − 1/2) / (1/2) = 1/3
        IReadOnlyList<IReadOnlyList<string>> items = [["yes", "yes", "yes"], ["yes", "yes", "no"], ["no", "no", "no"], ["yes", "no", "no"]];
        Assert.Equal(1.0 / 3, Agreement.Fleiss(items)!.Value, 12);
        Assert.Null(Agreement.Fleiss([["yes", "no"], ["yes", "no", "no"]])); // not the same number of reviewers on each
    }

    [Fact]
    public async Task Stats_count_the_queue_as_hand_counted()
    {
        await using var s = await ReviewScenario.CreateAsync($"band: [0, 1], overlap: 2, {ReviewScenario.Reasons}");
        var answers = await s.PredictAsync(ChallengerScenario.Requests(4));
        // Item 0: both accept. Item 1: ann overrides (wrong_label), bob accepts. Item 2: both override (missing_context). Item 3: undecided.
        async Task DecideAsync(int item, string who, bool overrides, string reason = "wrong_label")
        {
            var reviewer = ReviewScenario.Reviewer(who);
            var claim = await s.Queue.ClaimAsync(answers[item].ReviewId!, reviewer, default);
            var flipped = answers[item].Label == "yes" ? "no" : "yes";
            await s.Queue.DecideAsync(answers[item].ReviewId!, overrides
                ? new DecisionRequest(ReviewDecisions.Override, claim.Token, flipped, null, reason)
                : new DecisionRequest(ReviewDecisions.Accept, claim.Token), reviewer, default);
        }
        await DecideAsync(0, "ann", false);
        await DecideAsync(0, "bob", false);
        await DecideAsync(1, "ann", true);
        await DecideAsync(1, "bob", false);
        await DecideAsync(2, "ann", true, "missing_context");
        await DecideAsync(2, "bob", true, "missing_context");

        var stats = await ReviewStats.ReadAsync(s.Home, "toy", null, default);

        Assert.Equal((4, 6), (stats.Items, stats.Decisions));
        Assert.Equal(4, stats.ModelAnswers);
        Assert.Equal(1.0, stats.ReviewRate);
        Assert.Equal(3.0 / 6, stats.OverrideRate);
        Assert.Equal(new Dictionary<string, int> { ["wrong_label"] = 1, ["missing_context"] = 2 }, stats.OverridesByReason);
        Assert.Equal(3.0 / 6, stats.ModelAgreement);
        // Cohen's kappa on the three pairs of labels, worked from the model's labels: agreement 2 of 3 items
        var pairs = new[] { 0, 1, 2 }.Select(i =>
        {
            var (label, flipped) = (answers[i].Label!, answers[i].Label == "yes" ? "no" : "yes");
            return i switch { 0 => (label, label), 1 => (flipped, label), _ => (flipped, flipped) };
        }).ToList();
        Assert.Equal(Agreement.Cohen(pairs), stats.ReviewerKappa);
        Assert.Equal(0, stats.Quality.Rows); // no outcomes yet
    }
}
