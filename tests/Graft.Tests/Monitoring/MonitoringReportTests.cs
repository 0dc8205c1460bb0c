using Graft.Feedback;
using Graft.Monitoring;
using Graft.Review;
using Graft.Testing;
using Graft.Tests.Review;
using Graft.Tests.Training;

namespace Graft.Tests.Monitoring;

/// <summary>
/// What <c>graft monitor --html</c> draws, from traffic served at two times half an hour apart (the second with x moved
/// past its training range): the span's parts, each with its own drift and quality, and each field now beside training.
/// </summary>
public class MonitoringReportTests
{
    private static readonly DateTime Nine = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(60, 12, 5)] // an hour: twelve parts of one window
    [InlineData(24 * 60, 12, 120)] // a day: twelve parts of two hours
    [InlineData(25, 5, 5)] // fewer windows than parts: one a window
    [InlineData(65, 7, 10)] // 13 windows, two to a part, the last cut short
    public void A_span_is_cut_into_at_most_twelve_parts_of_whole_windows(int minutes, int parts, int minutesEach)
    {
        var cut = MonitoringReport.Parts(new MonitoringSpan(Nine, Nine.AddMinutes(minutes)));

        Assert.Equal(parts, cut.Count);
        Assert.Equal(Nine, cut[0].From);
        Assert.Equal(Nine.AddMinutes(minutes), cut[^1].To);
        Assert.All(cut.SkipLast(1), p => Assert.Equal(TimeSpan.FromMinutes(minutesEach), p.To - p.From));
        Assert.All(cut.Skip(1).Zip(cut), p => Assert.Equal(p.Second.To, p.First.From)); // no gap, no overlap
    }

    private static async Task<(Storage.TempHome Temp, MonitoringReport Report)> ServedTwiceAsync()
    {
        var temp = await TrainingScenario.CreateAsync($"{ToyData.Spec}\ntrainers: [linear]\nstage: auto\n", ToyData.Csv(400));
        await TrainingScenario.TrainAsync(temp, "toy");
        var early = await ReviewScenario.PredictAsync(temp.Home, "toy", MonitoringWindowTests.Requests(300));
        temp.Time.Advance(TimeSpan.FromMinutes(30));
        var late = await ReviewScenario.PredictAsync(temp.Home, "toy", MonitoringWindowTests.Requests(300, shift: 4, first: 300));
        temp.Time.Advance(TimeSpan.FromMinutes(5));
        await new OutcomeRecorder(temp.Home).RecordAsync("toy", [.. early.Concat(late).Select(a => new OutcomeReport(a.PredictionId, null, null, a.Label, null))],
            TestActors.Tester, default);
        var report = await MonitoringReport.ReadAsync(temp.Home, "toy", temp.Home.Now.AddHours(-1), null, null, default);
        return (temp, report);
    }

    [Fact]
    public async Task Each_part_has_its_own_drift_and_the_moved_input_drifts_only_in_the_part_it_moved_in()
    {
        var (temp, report) = await ServedTwiceAsync();
        await using var _ = temp;

        Assert.Equal(12, report.History.Count);
        var served = report.History.Where(p => p.Requests > 0).ToList();
        Assert.Equal([300L, 300L], served.Select(p => p.Requests));
        Assert.Equal(Nine, served[0].From);
        Assert.Equal(Nine.AddMinutes(30), served[1].From);
        Assert.True(served[0].Psi["x"] < 0.1, $"{served[0].Psi["x"]}");
        Assert.True(served[1].Psi["x"] > 0.25, $"{served[1].Psi["x"]}");
        Assert.True(served[1].WarningRate > 0.2, $"{served[1].WarningRate}"); // out_of_range: x past 11, the training range and its tolerance, about 3 in 10
        Assert.Equal(0, served[0].WarningRate);
        Assert.All(report.History.Where(p => p.Requests == 0), p => Assert.DoesNotContain(p.Psi, f => f.Value is not null)); // a gap, not a zero
        Assert.All(served, p => Assert.NotNull(p.Estimated));
    }

    /// <summary>
    /// A span with an end read the live quality of every outcome since its start, also of predictions made after it
    /// ended: the first half hour's part counted all 600 outcomes, and the view of an earlier span mixed in later ones.
    /// </summary>
    [Fact]
    public async Task A_span_with_an_end_counts_only_the_outcomes_of_the_predictions_made_in_it()
    {
        var (temp, report) = await ServedTwiceAsync();
        await using var _ = temp;

        var served = report.History.Where(p => p.Requests > 0).ToList();
        Assert.Equal([300L, 300L], served.Select(p => p.Outcomes));
        Assert.Equal(1, served[0].Realized); // outcomes equal to the answers: every label right
        Assert.Equal(600, report.View.Quality!.Rows); // the whole span, up to now
        var earlier = await new MonitoringReader(temp.Home).ReadAsync("toy", Nine, Nine.AddMinutes(10), null, default);
        Assert.Equal(300, earlier.Quality!.Rows);
    }

    [Fact]
    public async Task Each_field_now_is_set_beside_training_over_the_training_bins()
    {
        var (temp, report) = await ServedTwiceAsync();
        await using var _ = temp;

        Assert.Equal(["colour", "score", "x"], report.Distributions.Select(d => d.Field).Order(StringComparer.Ordinal));
        Assert.All(report.Distributions, d =>
        {
            Assert.Equal(d.Bins.Count, d.Reference.Length);
            Assert.Equal(d.Bins.Count, d.Current.Length);
            Assert.Equal(1, d.Reference.Sum(), 9);
            Assert.Equal(1, d.Current.Sum(), 9);
            Assert.Equal(600, d.CurrentCount);
        });
        var colour = report.Distributions.Single(d => d.Field == "colour");
        Assert.Equal("(other)", colour.Bins[^1]);
        Assert.Equal(1.0 / 3, colour.Current[colour.Bins.ToList().IndexOf("red")], 2); // every third request is red
        var x = report.Distributions.Single(d => d.Field == "x");
        Assert.StartsWith("< ", x.Bins[0]);
        Assert.StartsWith("≥ ", x.Bins[^1]);
        Assert.True(x.Drifted);
        // past the last training decile (about 9): a tenth of the unmoved half, and of the half moved by 4 those from 5 up, half of it: 0.05 + 0.25
        Assert.Equal(0.1, x.Reference[^1], 1);
        Assert.InRange(x.Current[^1], 0.25, 0.35);
    }

    [Fact]
    public async Task A_parts_override_rate_counts_the_decisions_made_in_it_and_not_escalations()
    {
        await using var s = await ReviewScenario.CreateAsync(stage: "assist");
        var answers = await s.PredictAsync(Graft.Tests.Rollout.ChallengerScenario.Requests(7));
        async Task DecideAsync(int i, string decision)
        {
            var reviewer = ReviewScenario.Reviewer($"r{i}");
            var claim = await s.Queue.ClaimAsync(answers[i].ReviewId!, reviewer, default);
            await s.Queue.DecideAsync(answers[i].ReviewId!, decision switch
            {
                ReviewDecisions.Override => new DecisionRequest(decision, claim.Token, answers[i].Label == "yes" ? "no" : "yes", null, "wrong_label"),
                ReviewDecisions.Escalate => new DecisionRequest(decision, claim.Token, Reason: "unsure", EscalateTo: "maintainer"),
                _ => new DecisionRequest(decision, claim.Token),
            }, reviewer, default);
        }
        await DecideAsync(0, ReviewDecisions.Override); // the first part: one override of two decisions
        await DecideAsync(1, ReviewDecisions.Accept);
        await DecideAsync(2, ReviewDecisions.Escalate);
        s.Temp.Time.Advance(TimeSpan.FromMinutes(10));
        for (var i = 3; i < 7; i++) // a later part: three of four overridden
        {
            await DecideAsync(i, i < 6 ? ReviewDecisions.Override : ReviewDecisions.Accept);
        }
        s.Temp.Time.Advance(TimeSpan.FromMinutes(1));

        var report = await MonitoringReport.ReadAsync(s.Home, "toy", s.Home.Now.AddHours(-1), null, null, default);

        var decided = report.History.Where(p => p.Decisions > 0).ToList();
        Assert.Equal([(2, 0.5), (4, 0.75)], decided.Select(p => (p.Decisions, p.OverrideRate!.Value)));
        Assert.All(report.History.Where(p => p.Decisions == 0), p => Assert.Null(p.OverrideRate));
    }

    [Fact]
    public async Task The_html_report_draws_every_field_and_the_span_and_holds_no_script()
    {
        var (temp, report) = await ServedTwiceAsync();
        await using var _ = temp;

        var html = MonitoringReportHtml.Write(report);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal); // self-contained: nothing fetched
        foreach (var title in new[] { "x: training against now", "colour: training against now", "score: training against now", "PSI against training over time",
            "p99 latency over time", "rates over time", "estimated against realized quality" })
        {
            Assert.Contains($"<title>{title}</title>", html);
        }
        Assert.Contains("<tr class=\"drift\"><td>x</td>", html);
    }
}
