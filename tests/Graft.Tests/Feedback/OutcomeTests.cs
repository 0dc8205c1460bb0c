using Graft.Feedback;
using Graft.Serving;
using Graft.Tests.Review;
using Graft.Tests.Rollout;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Feedback;

/// <summary>Outcomes joined by prediction id and by entity: late, duplicate and out-of-order, and never to a later prediction.</summary>
public class OutcomeTests
{
    private static OutcomeRecorder Recorder(ReviewScenario s) => new(s.Home);

    /// <summary>Predictions for entities e0..e{count-1}, each entity predicted again every <paramref name="every"/> on the fake clock.</summary>
    private static async Task<List<PredictionResponse>> PredictOverTimeAsync(ReviewScenario s, int entities, int rounds, TimeSpan every)
    {
        var answers = new List<PredictionResponse>();
        for (var round = 0; round < rounds; round++)
        {
            answers.AddRange(await s.PredictAsync(ChallengerScenario.Requests(entities)));
            s.Temp.Time.Advance(every);
        }
        return answers;
    }

    [Fact]
    public async Task An_outcome_by_entity_joins_the_latest_prediction_made_before_it_was_observed_never_a_later_one()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var start = s.Home.Now;
        var answers = await PredictOverTimeAsync(s, 3, 4, TimeSpan.FromDays(1)); // e0..e2 on days 0, 1, 2, 3

        // observed on day 1 at noon: joins day 1's prediction, not day 2's or day 3's that came after it
        var result = await Recorder(s).RecordAsync("toy", [new OutcomeReport(null, "e1", start.AddDays(1.5), "yes", null)], Graft.Testing.TestActors.Tester, default);

        var joined = Assert.Single(result.Outcomes);
        Assert.Equal(answers[3 + 1].PredictionId, joined.PredictionId); // round 1, entity e1
        Assert.True(joined.PredictedAt <= joined.ObservedAt);
        var tooEarly = await Assert.ThrowsAsync<GraftException>(() =>
            Recorder(s).RecordAsync("toy", [new OutcomeReport(null, "e1", start.AddHours(-1), "yes", null)], Graft.Testing.TestActors.Tester, default));
        Assert.Equal(FailureKind.NotFound, tooEarly.Kind); // before any prediction for e1
        s.Temp.Time.Advance(TimeSpan.FromDays(40));
        var outOfWindow = await Assert.ThrowsAsync<GraftException>(() =>
            Recorder(s).RecordAsync("toy", [new OutcomeReport(null, "e1", start.AddDays(3 + 31), "yes", null)], Graft.Testing.TestActors.Tester, default));
        Assert.Contains("outcomes.window", outOfWindow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_joined_outcome_is_ever_older_than_its_prediction_whatever_the_order_outcomes_arrive_in()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var start = s.Home.Now;
        var answers = await PredictOverTimeAsync(s, 5, 6, TimeSpan.FromHours(5));
        var predicted = answers.ToDictionary(a => a.PredictionId, a => PredictionIds.TimeOf(a.PredictionId)!.Value.UtcDateTime);
        var random = new Random(7);
        var reports = Enumerable.Range(0, 200).Select(_ => new OutcomeReport(null, $"e{random.Next(5)}", start.AddMinutes(random.Next(1, 40 * 60)), random.Next(2) == 0 ? "yes" : "no", null))
            .ToList(); // shuffled in time: late, early and duplicate observations for the same entities
        s.Temp.Time.Advance(TimeSpan.FromHours(12)); // now after every observation

        foreach (var chunk in reports.Chunk(17))
        {
            await Recorder(s).RecordAsync("toy", chunk, Graft.Testing.TestActors.Tester, default);
        }

        await using var db = s.Home.CreateDb();
        var outcomes = await db.Outcomes.AsNoTracking().ToListAsync();
        Assert.Equal(200, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(predicted[o.PredictionId] <= o.ObservedAt, $"{o.Id} joined {o.PredictionId}, made after it was observed"));
        Assert.All(outcomes, o => Assert.Equal(answers.Where(a => predicted[a.PredictionId] <= o.ObservedAt && EntityOf(answers, a) == o.EntityId)
            .MaxBy(a => predicted[a.PredictionId])!.PredictionId, o.PredictionId)); // the latest one before, by hand
        var standing = outcomes.Where(o => o.SupersededBy is null).ToList();
        Assert.Equal(outcomes.Select(o => o.PredictionId).Distinct().Count(), standing.Count); // one standing outcome a prediction, the rest kept superseded
    }

    private static string EntityOf(List<PredictionResponse> answers, PredictionResponse answer, int entities = 5) => $"e{answers.IndexOf(answer) % entities}";

    [Fact]
    public async Task One_report_joins_each_entity_outcome_as_a_lookup_of_its_own_would_across_many_pages()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var start = s.Home.Now;
        var answers = await PredictOverTimeAsync(s, 3, 90, TimeSpan.FromHours(1)); // 90 pages or more: past the pass's settling every 64
        var predicted = answers.ToDictionary(a => a.PredictionId, a => PredictionIds.TimeOf(a.PredictionId)!.Value.UtcDateTime);
        var random = new Random(11);
        var reports = Enumerable.Range(0, 60).Select(_ => new OutcomeReport(null, $"e{random.Next(3)}", start.AddMinutes(random.Next(1, 90 * 60)), "yes", null)).ToList();

        var result = await Recorder(s).RecordAsync("toy", reports, Graft.Testing.TestActors.Tester, default);

        for (var i = 0; i < reports.Count; i++)
        {
            var expected = answers.Where(a => predicted[a.PredictionId] <= reports[i].ObservedAt && EntityOf(answers, a, 3) == reports[i].EntityId).MaxBy(a => predicted[a.PredictionId])!;
            Assert.Equal(expected.PredictionId, result.Outcomes[i].PredictionId);
        }
        var late = await Assert.ThrowsAsync<GraftException>(() => Recorder(s).RecordAsync("toy",
            [reports[0], new OutcomeReport(null, "e1", start.AddHours(-2), "yes", null)], Graft.Testing.TestActors.Tester, default));
        Assert.StartsWith("outcomes[1]: no prediction for entity 'e1'", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_outcome_for_a_prediction_supersedes_the_first_and_both_are_kept()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var answer = (await s.PredictAsync(ChallengerScenario.Requests(1)))[0];
        var first = await Recorder(s).RecordAsync("toy", [new OutcomeReport(answer.PredictionId, null, null, "yes", null)], Graft.Testing.TestActors.Tester, default);
        s.Temp.Time.Advance(TimeSpan.FromHours(1));
        var second = await Recorder(s).RecordAsync("toy", [new OutcomeReport(answer.PredictionId, null, null, "no", null)], Graft.Testing.TestActors.Tester, default);

        Assert.Equal((1, first.Outcomes[0].Id), (second.Superseded, second.Outcomes[0].Supersedes));
        await using var db = s.Home.CreateDb();
        var kept = await db.Outcomes.AsNoTracking().OrderBy(o => o.RecordedAt).ToListAsync();
        Assert.Equal([("yes", second.Outcomes[0].Id), ("no", null)], kept.Select(o => (o.Label, o.SupersededBy)));
    }

    [Fact]
    public async Task A_bad_outcome_is_refused_naming_it_and_nothing_of_its_report_is_recorded()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var answer = (await s.PredictAsync(ChallengerScenario.Requests(1)))[0];
        var good = new OutcomeReport(answer.PredictionId, null, null, "yes", null);
        var refusals = new (OutcomeReport Bad, FailureKind Kind, string Says)[]
        {
            (new(answer.PredictionId, null, null, "maybe", null), FailureKind.Invalid, "not one of the use case's classes"),
            (new(answer.PredictionId, null, null, null, null), FailureKind.Invalid, "observed label"),
            (new(PredictionIds.Next(s.Home.Time.GetUtcNow()), null, null, "yes", null), FailureKind.NotFound, "no prediction"),
            (new(null, null, null, "yes", null), FailureKind.Invalid, "one of the two"),
            (new(null, "e0", null, "yes", null), FailureKind.Invalid, "needs observed_at"),
            (new(answer.PredictionId, null, s.Home.Now.AddDays(2), "yes", null), FailureKind.Invalid, "in the future"),
            (new(answer.PredictionId, null, s.Home.Now.AddDays(-1), "yes", null), FailureKind.Invalid, "before its prediction"),
        };
        foreach (var (bad, kind, says) in refusals)
        {
            var refused = await Assert.ThrowsAsync<GraftException>(() => Recorder(s).RecordAsync("toy", [good, bad], Graft.Testing.TestActors.Tester, default));
            Assert.Equal(kind, refused.Kind);
            Assert.Contains("outcomes[1]", refused.Message, StringComparison.Ordinal);
            Assert.Contains(says, refused.Message, StringComparison.Ordinal);
        }
        await using var db = s.Home.CreateDb();
        Assert.Equal(0, await db.Outcomes.CountAsync());
    }
}
