using Graft.Monitoring;
using Graft.Serving;
using Graft.Testing;
using Graft.Tests.Review;
using Graft.Tests.Training;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Monitoring;

/// <summary>
/// Monitoring windows as serving fills them: answers through a predictor and its log's writer, then the view
/// <c>graft monitor</c> shows, read back from the windows alone.
/// </summary>
public class MonitoringWindowTests
{
    private static async Task<Storage.TempHome> TrainedAsync()
    {
        var temp = await TrainingScenario.CreateAsync($"{ToyData.Spec}\ntrainers: [linear]\nstage: auto\n", ToyData.Csv(400));
        await TrainingScenario.TrainAsync(temp, "toy");
        return temp;
    }

    /// <summary>Requests like the training rows (x evenly over 0–10, a third red), with x moved by <paramref name="shift"/>.</summary>
    internal static List<PredictionRequest> Requests(int count, double shift = 0, int first = 0) =>
        [.. Enumerable.Range(first, count).Select(i => new PredictionRequest($"e{i}", new Dictionary<string, InputValue>
        {
            ["x"] = InputValue.Of(Math.Round((i * 7919 % 1000) / 100.0 + shift, 2)),
            ["colour"] = InputValue.Of(i % 3 == 0 ? "red" : "blue"),
        }))];

    private static Task<MonitoringView> ViewAsync(Storage.TempHome temp) =>
        new MonitoringReader(temp.Home).ReadAsync("toy", temp.Home.Now.AddHours(-1), null, null, default);

    [Fact]
    public async Task Answers_are_counted_into_windows_as_the_log_is_written_and_read_back_as_health_and_drift()
    {
        await using var temp = await TrainedAsync();
        var answers = await ReviewScenario.PredictAsync(temp.Home, "toy", Requests(300));
        var view = await ViewAsync(temp);

        Assert.Equal(300, view.Requests);
        Assert.Equal(answers.GroupBy(a => a.Route).ToDictionary(g => g.Key, g => (long)g.Count()), view.Routes);
        Assert.Equal(answers[0].ModelVersion, view.ModelVersion);
        Assert.NotNull(view.LatencyMs.P50);
        Assert.True(view.LatencyMs.P99 >= view.LatencyMs.P50);
        Assert.Equal(0, view.FallbackRate);
        var drift = view.Drift!;
        Assert.Equal(["colour", "x"], drift.Fields.Select(f => f.Field).Order());
        Assert.All(drift.Fields, f => Assert.Equal((300L, false), (f.CurrentCount, f.Drifted!.Value)));
        Assert.Equal(("ks", 300L), (drift.Score.Method, drift.Score.CurrentCount)); // 400 rows: a small reference, tested
        Assert.Equal(0, drift.ShareDrifted);
        var auc = view.EstimatedQuality!["roc_auc"]; // from the scores alone, the calibration fitted at training
        Assert.Equal(300, auc.Rows);
        Assert.True(auc.Lower <= auc.Value && auc.Value <= auc.Upper && auc.Value > 0.7, $"{auc}");
        Assert.Null(view.ConceptDriftSuspected); // no outcomes yet
    }

    [Fact]
    public async Task Inputs_moved_past_the_training_range_drift_and_those_left_alone_do_not()
    {
        await using var temp = await TrainedAsync();
        await ReviewScenario.PredictAsync(temp.Home, "toy", Requests(300, shift: 4));
        var drift = (await ViewAsync(temp)).Drift!;

        Assert.Equal([("x", true), ("colour", false)], drift.Fields.Select(f => (f.Field, f.Drifted!.Value)));
        Assert.True(drift.Score.Drifted); // x decides the score
        Assert.Equal(0.5, drift.ShareDrifted);
        Assert.True(drift.DatasetDrifted); // at the default share of 0.5
        // out_of_range warnings for x, counted by field and code
        var warned = Assert.Single((await ViewAsync(temp)).Warnings);
        Assert.Equal(("x", "out_of_range"), (warned.Field, warned.Code));
    }

    /// <summary>
    /// Each durable answer is a batch of its own; the writer saved both windows after every batch, two read-modify-write
    /// transactions per record, and the counts cost it more than the records. Now it saves them at most once a second,
    /// and as soon as that has passed once the queue falls idle, without waiting for traffic or a stop.
    /// </summary>
    [Fact]
    public async Task Counts_are_saved_at_most_once_a_second_and_soon_after_the_queue_falls_idle()
    {
        await using var temp = await TrainedAsync();
        var log = new PredictionLog(temp.Home, new PredictionLogOptions { Durable = true });
        using var stop = new CancellationTokenSource();
        var writer = log.RunAsync(stop.Token);
        var predictor = new Predictor(new ServingState(temp.Home), log, temp.Home.Time);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var request in Requests(300))
        {
            Assert.NotNull((await predictor.PredictAsync("toy", request, null, default)).Response);
        }
        var answering = clock.Elapsed;

        // idle now, the log still running: the counts arrive within about a second
        MonitoringView view;
        do
        {
            await Task.Delay(100);
            view = await ViewAsync(temp);
        }
        while (view.Requests < 300 && clock.Elapsed < answering + TimeSpan.FromSeconds(10));
        Assert.Equal(300, view.Requests);
        Assert.True(clock.Elapsed < answering + TimeSpan.FromSeconds(5), $"{clock.Elapsed - answering} after the last answer");
        await using (var db = temp.Home.CreateDb())
        {
            var saves = await db.MonitoringWindows.SumAsync(w => w.Revision);
            Assert.True(saves <= answering.TotalSeconds / PredictionLog.TallyInterval.TotalSeconds + 3, $"{saves} saves for 300 batches in {answering}");
            Assert.Equal(300, await db.TrafficWindows.SumAsync(w => w.Requests));
        }
        await stop.CancelAsync();
        await writer;
        Assert.Equal(300, (await ViewAsync(temp)).Requests); // the stop adds nothing twice
    }

    /// <summary>Two processes' writers adding to one window at once: before windows had a revision, one could save over the other's counts.</summary>
    [Fact]
    public async Task Two_processes_adding_to_one_window_lose_no_counts()
    {
        await using var temp = await TrainedAsync();
        await Task.WhenAll(
            Task.Run(() => ReviewScenario.PredictAsync(temp.Home, "toy", Requests(200))),
            Task.Run(() => ReviewScenario.PredictAsync(temp.Home, "toy", Requests(200, first: 200))));

        await using var db = temp.Home.CreateDb();
        Assert.Equal(400, await db.MonitoringWindows.SumAsync(w => w.Requests));
        Assert.Equal(400, await db.TrafficWindows.SumAsync(w => w.Requests));
        Assert.Equal(400, (await ViewAsync(temp)).Drift!.Fields.Single(f => f.Field == "x").CurrentCount);
    }

    [Fact]
    public async Task A_span_that_ends_before_it_starts_or_a_version_of_another_use_case_is_refused()
    {
        await using var temp = await TrainedAsync();
        var now = temp.Home.Now;
        var empty = await Assert.ThrowsAsync<GraftException>(() => new MonitoringReader(temp.Home).ReadAsync("toy", now, now.AddHours(-1), null, default));
        Assert.Equal(FailureKind.Invalid, empty.Kind);
        var unknown = await Assert.ThrowsAsync<GraftException>(() => new MonitoringReader(temp.Home).ReadAsync("toy", now.AddHours(-1), null, "other-v1", default));
        Assert.Equal(FailureKind.NotFound, unknown.Kind);
        Assert.Equal(0, (await ViewAsync(temp)).Requests); // and nothing served yet: an empty picture, not an error
    }

    [Fact]
    public async Task A_window_counts_the_model_answers_by_confidence_and_those_sent_to_review_and_the_view_adds_the_decisions()
    {
        await using var s = await ReviewScenario.CreateAsync($"band: [0.25, 0.75], {ReviewScenario.Reasons}");
        var answers = await s.PredictAsync(Requests(60));
        var reviewed = answers.Where(a => a.ReviewId is not null).ToList();
        Assert.InRange(reviewed.Count, 1, answers.Count - 1); // the band takes some answers and leaves others

        // two overrides and an acceptance among the items
        for (var i = 0; i < 3; i++)
        {
            var reviewer = ReviewScenario.Reviewer($"r{i}");
            var claim = await s.Queue.ClaimAsync(reviewed[i].ReviewId!, reviewer, default);
            await s.Queue.DecideAsync(reviewed[i].ReviewId!, i < 2
                ? new Graft.Review.DecisionRequest(Graft.Review.ReviewDecisions.Override, claim.Token, reviewed[i].Label == "yes" ? "no" : "yes", null, "wrong_label")
                : new Graft.Review.DecisionRequest(Graft.Review.ReviewDecisions.Accept, claim.Token), reviewer, default);
        }
        var view = await new MonitoringReader(s.Home).ReadAsync("toy", s.Home.Now.AddHours(-1), null, null, default);

        var expected = answers.CountBy(a => a.Confidence!).ToDictionary(c => c.Key, c => (long)c.Value);
        Assert.Equal(expected, view.Confidence);
        Assert.Equal(new ReviewSummary(reviewed.Count, (double)reviewed.Count / answers.Count, 3, 2, 2.0 / 3), view.Review);
    }

    [Fact]
    public async Task In_shadow_the_window_counts_the_confidence_of_the_model_answer_the_app_did_not_get()
    {
        await using var temp = await TrainingScenario.CreateAsync($"{ToyData.Spec}\ntrainers: [linear]\nstage: shadow\n", ToyData.Csv(400));
        await TrainingScenario.TrainAsync(temp, "toy");
        var requests = Requests(30);
        var answers = await ReviewScenario.PredictAsync(temp.Home, "toy", requests);
        Assert.All(answers, a => Assert.Null(a.Confidence)); // the app got the rule's answers

        var view = await ViewAsync(temp);

        // the model's own scores for the same rows, graded by hand: 0.3 or more from the threshold high, 0.15 medium
        var model = await LoadedModel.LoadAsync(temp.Home, view.ModelVersion!, default);
        var expected = requests.Select((r, i) =>
        {
            var distance = Math.Abs(BatchScorer.Score(model, [r.Inputs!], explain: false)[0].Score!.Value - model.Threshold);
            return distance >= 0.3 ? answers[i].Warnings.Count > 0 ? "medium" : "high" : distance >= 0.15 ? "medium" : "low";
        }).CountBy(c => c).ToDictionary(c => c.Key, c => (long)c.Value);
        Assert.Equal(expected, view.Confidence);
        Assert.Equal(0, view.Review.Sent);
    }

    [Fact]
    public void Summaries_add_their_confidence_counts_and_review_items()
    {
        var a = new WindowSummary { Reviews = 2, Confidence = new(StringComparer.Ordinal) { ["high"] = 3, ["low"] = 1 } };
        var b = new WindowSummary { Reviews = 5, Confidence = new(StringComparer.Ordinal) { ["low"] = 4, ["medium"] = 2 } };
        a.Add(b);
        Assert.Equal(7, a.Reviews);
        Assert.Equal(new Dictionary<string, long> { ["high"] = 3, ["low"] = 5, ["medium"] = 2 }, a.Confidence);
        var window = new MonitoringWindow("toy", "toy-v1", new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc));
        window.Add(a);
        var stored = MonitoringWindow.Parse(window.SummaryJson); // as a window's row keeps it
        Assert.Equal((7L, 5L), (stored.Reviews, stored.Confidence["low"]));
    }
}
