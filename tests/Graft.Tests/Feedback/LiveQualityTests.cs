using Graft.Feedback;
using Graft.Registry;
using Graft.Review;
using Graft.Rollout;
using Graft.Testing;
using Graft.Tests.Review;
using Graft.Tests.Rollout;
using Graft.UseCases;

namespace Graft.Tests.Feedback;

/// <summary>Live quality: the training metrics on the outcomes joined to a version's answers, checked against hand-worked numbers, and the gate it feeds.</summary>
public class LiveQualityTests
{
    private static readonly UseCaseSpec Binary = new() { Id = "toy", Title = "Toy", Task = TaskKind.Binary, TargetColumn = "label", TargetPositive = "yes", Metric = "roc_auc" };

    private static readonly System.Text.Json.JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };

    private static readonly ModelCard Card = new("toy-v1", "toy", TaskKind.Binary, "linear", "linear", [], ["no", "yes"], "yes", 0.5, []);

    [Fact]
    public void Four_hand_scored_rows_give_the_hand_worked_auc_and_accuracy()
    {
        // positives at 0.9 and 0.3, negatives at 0.8 and 0.1: of the four (positive, negative) pairs, three rank the positive higher
        JoinedAnswer[] rows = [new("""{"label":"yes","score":0.9}""", "yes", null), new("""{"label":"yes","score":0.8}""", "no", null),
            new("""{"label":"no","score":0.3}""", "yes", null), new("""{"label":"no","score":0.1}""", "no", null)];

        var live = LiveQualityMetrics.Compute(Binary, Card, 0.8, rows);

        Assert.Equal((4, 0.75, 0.8), (live.Rows, live.Value, live.Training));
        Assert.Equal(0.5, (double)live.Values["accuracy"]); // at the version's threshold 0.5: 0.9 and 0.1 right, 0.8 and 0.3 wrong
        Assert.Null(live.Interval); // four rows say too little for one
        var json = System.Text.Json.JsonSerializer.Serialize(live, SnakeCase);
        Assert.Contains("\"rows\":4,", json, StringComparison.Ordinal);
        Assert.Contains("\"roc_auc\":0.75,", json, StringComparison.Ordinal); // each metric a member of its own: {"<metric>": …, "rows": n}
    }

    [Fact]
    public void Rows_the_version_cannot_score_are_left_out_and_an_undefined_metric_is_not_reported()
    {
        JoinedAnswer[] rows = [new("""{"label":"yes","score":0.9}""", "yes", null), new("""{"label":"yes"}""", "yes", null), new("""{"label":"no","score":0.2}""", "maybe", null)];

        var live = LiveQualityMetrics.Compute(Binary, Card, null, rows);

        Assert.Equal(1, live.Rows); // no score; a label the version does not know
        Assert.False(live.Values.ContainsKey("roc_auc")); // one class only: ROC AUC is undefined, not 0 or 0.5
        Assert.Null(live.Value);
    }

    [Fact]
    public async Task Live_quality_of_served_answers_is_the_pairwise_auc_and_label_agreement_of_their_standing_outcomes()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var answers = await s.PredictAsync(ChallengerScenario.Requests(60));
        string Truth(int i) => i % 4 == 0 ? Flip(answers[i].Label!) : answers[i].Label!; // the model right three times in four
        await RecordAsync(s, answers.Select((a, i) => (a.PredictionId, i % 5 == 0 ? Flip(Truth(i)) : Truth(i)))); // a fifth reported wrongly first…
        s.Temp.Time.Advance(TimeSpan.FromMinutes(1));
        await RecordAsync(s, answers.Select((a, i) => (a.PredictionId, Truth(i))).Where((_, i) => i % 5 == 0)); // …and corrected: the later outcome stands

        var stats = await ReviewStats.ReadAsync(s.Home, "toy", null, default);

        var truth = Enumerable.Range(0, 60).Select(Truth).ToList();
        var quality = stats.Quality;
        Assert.Equal(60, quality.Rows);
        Assert.Equal(Math.Round(PairwiseAuc(answers.Select(a => a.Score!.Value).ToList(), truth), 6), quality.Value!.Value, 9);
        Assert.Equal(Math.Round(answers.Where((a, i) => a.Label == truth[i]).Count() / 60.0, 6), (double)quality.Values["accuracy"], 9);
        var champion = (await new UseCaseCatalog(s.Home).GetAsync("toy", default)).UseCase.ChampionVersion;
        Assert.Equal(champion, quality.ModelVersion);
        Assert.NotNull(quality.Training);
        var interval = quality.Interval!;
        Assert.True(interval.Low < quality.Value && quality.Value < interval.High, $"{interval} around {quality.Value}");
        Assert.Equal(interval, (await ReviewStats.ReadAsync(s.Home, "toy", null, default)).Quality.Interval); // the same rows, the same interval
        Assert.Equal(quality, Assert.Single(stats.QualityByVersion));
    }

    [Fact]
    public async Task The_live_quality_gate_waits_for_min_outcomes_then_passes_or_fails_on_the_training_metric_less_the_margin()
    {
        await using var s = await ReviewScenario.CreateAsync(stage: "assist", extra: "rollout: { exit: { min_outcomes: 20, live_metric_margin: 0.05 } }\n");
        var answers = await s.PredictAsync(ChallengerScenario.Requests(30));
        Assert.Equal(GateOutcome.Inconclusive, await LiveGateAsync(s));
        await RecordAsync(s, answers.Take(19).Select(a => (a.PredictionId, a.Label!)));
        Assert.Equal(GateOutcome.Inconclusive, await LiveGateAsync(s)); // 19 of the 20 needed

        await RecordAsync(s, answers.Skip(19).Select(a => (a.PredictionId, a.Label!))); // every answer right: live AUC 1
        Assert.Equal(GateOutcome.Successful, await LiveGateAsync(s));

        await RecordAsync(s, answers.Select(a => (a.PredictionId, Flip(a.Label!)))); // every answer wrong: live AUC 0
        var gate = (await new RolloutControl(s.Home).StatusAsync("toy", default)).Gates.Single(g => g.Name == "live_quality");
        Assert.Equal(GateOutcome.Failed, gate.Result);
        Assert.Equal((30, 0), (gate.Numbers!["outcomes"], gate.Numbers["live"]));
    }

    private static string Flip(string label) => label == "yes" ? "no" : "yes";

    private static Task<OutcomeResult> RecordAsync(ReviewScenario s, IEnumerable<(string PredictionId, string Label)> outcomes) =>
        new OutcomeRecorder(s.Home).RecordAsync("toy", [.. outcomes.Select(o => new OutcomeReport(o.PredictionId, null, null, o.Label, null))], TestActors.Tester, default);

    private static async Task<GateOutcome> LiveGateAsync(ReviewScenario s) =>
        (await new RolloutControl(s.Home).StatusAsync("toy", default)).Gates.Single(g => g.Name == "live_quality").Result;

    /// <summary>ROC AUC by its definition: the share of (positive, negative) pairs the score ranks the right way, ties counting half.</summary>
    private static double PairwiseAuc(List<double> scores, List<string> truth)
    {
        double wins = 0, pairs = 0;
        for (var p = 0; p < scores.Count; p++)
        {
            for (var n = 0; n < scores.Count; n++)
            {
                if (truth[p] == "yes" && truth[n] == "no")
                {
                    pairs++;
                    wins += scores[p] > scores[n] ? 1 : scores[p] == scores[n] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }
}
