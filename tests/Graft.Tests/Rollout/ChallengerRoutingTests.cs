using Graft.Rollout;

namespace Graft.Tests.Rollout;

public class ChallengerRoutingTests
{
    private static RolloutSnapshot Rollout(Stage stage, ChallengerMode mode, int percent, int cohort = 100) =>
        RolloutSnapshot.Initial(stage) with { CohortPercent = cohort, ChallengerVersion = "toy-v2", ChallengerMode = mode, ChallengerPercent = percent };

    private static readonly string[] Entities = [.. Enumerable.Range(0, 20_000).Select(i => $"customer-{i}")];

    [Theory]
    [InlineData(ChallengerMode.Shadow, 10)]
    [InlineData(ChallengerMode.Canary, 25)]
    public void The_challengers_share_of_entities_is_its_percent_within_one_point_and_each_entity_keeps_its_place(ChallengerMode mode, int percent)
    {
        var rollout = Rollout(Stage.Auto, mode, percent);

        var first = Entities.Select(e => RoutingPolicy.Before(rollout, "toy", e).Challenger).ToList();
        var again = Entities.Select(e => RoutingPolicy.Before(rollout, "toy", e).Challenger).ToList();

        var share = first.Count(c => c == mode) / (double)Entities.Length;
        Assert.InRange(share, (percent - 1) / 100.0, (percent + 1) / 100.0); // 20,000 entities: a point is over four standard deviations
        Assert.Equal(first, again);
        Assert.All(first, c => Assert.True(c is null || c == mode));
    }

    [Fact]
    public void Raising_the_share_keeps_every_entity_that_was_in_it_and_the_share_is_drawn_apart_from_the_stage_cohort()
    {
        var ten = Entities.Where(e => RoutingPolicy.Before(Rollout(Stage.Assist, ChallengerMode.Shadow, 10, cohort: 100), "toy", e).Challenger is not null).ToHashSet();
        var thirty = Entities.Where(e => RoutingPolicy.Before(Rollout(Stage.Assist, ChallengerMode.Shadow, 30, cohort: 100), "toy", e).Challenger is not null).ToHashSet();
        var cohort = Entities.Where(e => Cohorts.Contains(10, "toy", e)).ToHashSet();

        Assert.Subset(thirty, ten);
        Assert.InRange(ten.Intersect(cohort).Count() / (double)ten.Count, 0.07, 0.13); // independent: about a tenth of one is in the other
    }

    [Fact]
    public void Rows_without_an_entity_are_sampled_at_random_at_the_share_and_rows_the_rule_answers_meet_no_challenger()
    {
        var rollout = Rollout(Stage.Auto, ChallengerMode.Shadow, 20);
        var sampled = Enumerable.Range(0, 20_000).Count(_ => RoutingPolicy.Before(rollout, "toy", null).Challenger is not null);
        Assert.InRange(sampled / 20_000.0, 0.19, 0.21);

        Assert.Null(RoutingPolicy.Before(rollout with { Killed = true }, "toy", "customer-1").Challenger);
        var outOfCohort = Rollout(Stage.Assist, ChallengerMode.Canary, 100, cohort: 0);
        Assert.All(Entities.Take(200), e => Assert.Null(RoutingPolicy.Before(outOfCohort, "toy", e).Challenger));
    }
}
