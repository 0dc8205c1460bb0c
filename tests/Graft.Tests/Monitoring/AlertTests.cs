using Graft.Governance;
using Graft.Monitoring;
using Graft.Testing;
using Graft.Tests.Review;
using Graft.Tests.Training;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Monitoring;

/// <summary>
/// Alert rules on a fake clock: the lifecycle inactive → pending → firing → resolved, firing once, not flapping inside
/// keep_firing_for, and each transition stored, in the trail and sent to the use case's webhooks.
/// </summary>
public class AlertTests
{
    private static readonly AlertRule Rule = new("x_moved", new AlertSignal("psi", "x"), true, 0.2, TimeSpan.FromMinutes(5), 50,
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), "critical");

    [Fact]
    public void The_lifecycle_fires_once_the_condition_held_for_long_enough_and_resolves_only_after_keep_firing_for()
    {
        var t0 = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        var status = new AlertStatus("toy", Rule.Name, t0);
        // minute by minute: the condition holds from minute 1 to 12, blips off at 13, holds at 14, then stays off
        var holds = Enumerable.Range(0, 40).Select(m => m is >= 1 and <= 12 or 14).ToArray();
        var transitions = new List<(int Minute, string From, string To)>();
        for (var m = 0; m < holds.Length; m++)
        {
            if (status.Evaluate(Rule, holds[m], holds[m] ? 0.5 : 0.01, 500, t0.AddMinutes(m)) is { } left)
            {
                transitions.Add((m, left, status.State));
            }
        }
        Assert.Equal([(1, "inactive", "pending"), (11, "pending", "firing"), (29, "firing", "resolved")], transitions);
    }

    [Fact]
    public void A_pending_alert_whose_condition_stops_goes_back_to_inactive_and_one_without_for_fires_at_once()
    {
        var t0 = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        var status = new AlertStatus("toy", Rule.Name, t0);
        Assert.Equal("inactive", status.Evaluate(Rule, true, 0.5, 500, t0));
        Assert.Equal("pending", status.Evaluate(Rule, false, 0.1, 500, t0.AddMinutes(1)));
        Assert.Equal(AlertStatus.Inactive, status.State);

        var now = new AlertStatus("toy", "now", t0);
        Assert.Equal("inactive", now.Evaluate(Rule with { For = TimeSpan.Zero }, true, 0.5, 500, t0));
        Assert.Equal(AlertStatus.Firing, now.State);
    }

    private const string Alerts = """

        alerts:
          - { name: x_moved, signal: psi(x), above: 0.2, window: 5m, min_samples: 50, for: 10m, keep_firing_for: 10m, severity: critical }
          - { name: quiet, signal: requests, below: 1 }
        """;

    [Fact]
    public async Task Served_traffic_that_moves_fires_the_alert_once_into_the_trail_and_resolves_after_it_settles()
    {
        await using var temp = await TrainingScenario.CreateAsync($"{ToyData.Spec}\ntrainers: [linear]\nstage: auto\n{Alerts}", ToyData.Csv(400));
        await TrainingScenario.TrainAsync(temp, "toy");
        await new Graft.Webhooks.WebhookRegistry(temp.Home).AddAsync("toy", "https://app.example.com/alerts", ["alert.firing", "alert.resolved"], [], TestActors.Tester, default);
        var evaluator = new AlertEvaluator(temp.Home);
        var states = new List<string>();
        async Task StepAsync(double shift)
        {
            await ReviewScenario.PredictAsync(temp.Home, "toy", MonitoringWindowTests.Requests(200, shift));
            await evaluator.EvaluateAsync("toy", default);
            var view = await new MonitoringReader(temp.Home).ReadAsync("toy", temp.Home.Now.AddMinutes(-5), null, null, default);
            states.Add(view.Alerts.Single(a => a.Name == "x_moved").State);
            temp.Time.Advance(TimeSpan.FromMinutes(5));
        }
        foreach (var shift in new double[] { 0, 4, 4, 4, 0, 0, 0 })
        {
            await StepAsync(shift);
        }
        Assert.Equal(["inactive", "pending", "pending", "firing", "firing", "firing", "resolved"], states);

        await using var db = temp.Home.CreateDb();
        var events = await db.AlertEvents.Where(e => e.Name == "x_moved").OrderBy(e => e.Id).Select(e => new { e.From, e.To }).ToListAsync();
        Assert.Equal([("inactive", "pending"), ("pending", "firing"), ("firing", "resolved")], events.Select(e => (e.From, e.To)));
        var trail = await new TrailReader(temp.Home).ListAsync(new TrailFilter("toy"), default);
        Assert.Equal([TrailActs.AlertFiring, TrailActs.AlertResolved], trail.Where(e => e.Act.StartsWith("alert.")).Select(e => e.Act));
        Assert.All(trail.Where(e => e.Act.StartsWith("alert.")), e => Assert.Equal(AlertEvaluator.Monitor.Id, e.ActorId));
        var sent = await db.WebhookDeliveries.OrderBy(d => d.CreatedAt).Select(d => new { d.EventType, d.PayloadJson }).ToListAsync();
        Assert.Equal(["alert.firing", "alert.resolved"], sent.Select(d => d.EventType));
        var data = System.Text.Json.JsonDocument.Parse(sent[0].PayloadJson).RootElement.GetProperty("data");
        Assert.Equal(("psi(x) > 0.2", "critical", "firing"), (data.GetProperty("condition").GetString(), data.GetProperty("severity").GetString(), data.GetProperty("state").GetString()));
        // the other rule: there were requests at every evaluation, so it never held
        Assert.Equal(AlertStatus.Inactive, (await db.AlertStatuses.SingleAsync(s => s.Name == "quiet")).State);
    }

    [Fact]
    public async Task Two_processes_evaluating_at_once_make_one_transition()
    {
        await using var temp = await TrainingScenario.CreateAsync($"{ToyData.Spec}\ntrainers: [linear]\nstage: auto\n{Alerts}", ToyData.Csv(400));
        await TrainingScenario.TrainAsync(temp, "toy");
        var made = await Task.WhenAll(Task.Run(() => new AlertEvaluator(temp.Home).EvaluateAsync("toy", default)),
            Task.Run(() => new AlertEvaluator(temp.Home).EvaluateAsync("toy", default)));
        // no requests at all: the quiet rule fires at once, and only one of the two says so
        Assert.Single(made.SelectMany(m => m), e => e.Name == "quiet");
        await using var db = temp.Home.CreateDb();
        Assert.Single(await db.AlertEvents.Where(e => e.Name == "quiet").ToListAsync());
    }

    [Theory]
    [InlineData("alerts: [{ name: a, signal: psi, above: 1 }]", "alerts[0].signal")]
    [InlineData("alerts: [{ name: a, signal: fallback_rat, above: 1 }]", "alerts[0].signal")]
    [InlineData("alerts: [{ name: a, signal: requests(x), above: 1 }]", "alerts[0].signal")]
    [InlineData("alerts: [{ name: a, signal: requests }]", "alerts[0]")]
    [InlineData("alerts: [{ name: a, signal: requests, above: 1, below: 2 }]", "alerts[0]")]
    [InlineData("alerts: [{ name: a, signal: requests, above: 1, for: soon }]", "alerts[0].for")]
    [InlineData("alerts: [{ name: a, signal: requests, above: 1, severity: loud }]", "alerts[0].severity")]
    [InlineData("alerts: [{ signal: requests, above: 1 }]", "alerts[0].name")]
    [InlineData("alerts: [{ name: a, signal: requests, above: 1 }, { name: a, signal: requests, below: 1 }]", "alerts[1].name")]
    [InlineData("alerts: { name: a }", "alerts")]
    [InlineData("alerts: [{ name: a, signal: requests, above: 1, on_alert: page }]", "alerts[0].on_alert")]
    public void A_mistaken_rule_is_named_by_its_key(string yaml, string key)
    {
        var error = Assert.Throws<Graft.UseCases.SpecException>(() => Graft.UseCases.SpecReader.Parse($"{ToyData.Spec}\n{yaml}", "spec.yaml"));
        Assert.Contains(error.Errors, e => e.Key == key);
    }

    [Fact]
    public async Task An_alert_with_on_alert_retrain_starts_one_run_when_it_fires_and_none_while_it_keeps_firing_or_resolves()
    {
        await using var temp = await TrainingScenario.CreateAsync(
            $"{ToyData.Spec}\ntrainers: [linear]\nstage: auto\nalerts: [{{ name: silent, signal: requests, below: 1, on_alert: retrain }}, {{ name: other, signal: requests, below: 1 }}]\n", ToyData.Csv(400));
        await TrainingScenario.TrainAsync(temp, "toy");
        var started = new List<(string UseCase, string Reason)>();
        var evaluator = new AlertEvaluator(temp.Home, (useCase, reason, _) => { started.Add((useCase, reason)); return Task.CompletedTask; });

        await evaluator.EvaluateAsync("toy", default); // no traffic: both fire at once
        temp.Time.Advance(TimeSpan.FromMinutes(1));
        await evaluator.EvaluateAsync("toy", default); // still firing
        await ReviewScenario.PredictAsync(temp.Home, "toy", MonitoringWindowTests.Requests(5));
        temp.Time.Advance(TimeSpan.FromMinutes(1));
        await evaluator.EvaluateAsync("toy", default); // resolved

        var run = Assert.Single(started);
        Assert.Equal("toy", run.UseCase);
        Assert.StartsWith("alert silent fired (requests < 1; 0): retraining by on_alert", run.Reason);
    }

    [Fact]
    public async Task A_run_that_may_not_crown_leaves_a_use_case_without_a_champion_even_when_its_model_passes_the_gate()
    {
        await using var temp = await TrainingScenario.CreateAsync($"{ToyData.Spec}\ntrainers: [linear]\n", ToyData.Csv(400));
        var result = await new Graft.Training.TrainingRunner(temp.Home).RunAsync(new Graft.Training.TrainingRequest("toy", MayCrown: false), TestActors.Tester, null, default);

        Assert.True(result.Gate.Passed); // it would have been crowned
        Assert.Null(result.Champion);
        Assert.Null((await new Graft.UseCases.UseCaseCatalog(temp.Home).GetAsync("toy", default)).UseCase.ChampionVersion);
        Assert.NotNull((await new Graft.Training.TrainingRunner(temp.Home).RunAsync(new Graft.Training.TrainingRequest("toy"), TestActors.Tester, null, default)).Champion);
    }

    [Theory]
    [InlineData(Graft.Rollout.ChallengerMode.Canary, true)]
    [InlineData(Graft.Rollout.ChallengerMode.Shadow, false)]
    public async Task An_alert_with_on_alert_rollback_clears_a_canary_when_it_fires_and_leaves_a_shadow_challenger(Graft.Rollout.ChallengerMode mode, bool rolledBack)
    {
        await using var scenario = await Graft.Tests.Rollout.ChallengerScenario.CreateAsync();
        await scenario.SetAsync(mode, 20, scenario.Start());
        await new Graft.UseCases.UseCaseCatalog(scenario.Home).ApplyAsync(
            Graft.Tests.Rollout.ChallengerScenario.Spec + "alerts: [{ name: silent, signal: requests, below: 1, on_alert: rollback }]\n", "spec.yaml", TestActors.Tester, default);

        var made = Assert.Single(await new AlertEvaluator(scenario.Home).EvaluateAsync("toy", default)); // no traffic: it fires at once
        Assert.Equal(AlertStatus.Firing, made.To);
        var (_, revision) = await new Graft.UseCases.UseCaseCatalog(scenario.Home).GetAsync("toy", default);
        var rollout = await new Graft.Rollout.RolloutControl(scenario.Home).SnapshotAsync("toy", revision.Spec(), default);
        Assert.Equal(rolledBack ? null : scenario.Challenger, rollout.ChallengerVersion);
        var trail = await new TrailReader(scenario.Home).ListAsync(new TrailFilter("toy"), default);
        var cleared = trail.Where(e => e.Act == TrailActs.ChallengerChanged && e.ActorId == AlertEvaluator.Monitor.Id).ToList();
        Assert.Equal(rolledBack ? 1 : 0, cleared.Count);
        if (rolledBack)
        {
            Assert.Contains("alert silent fired during the canary", cleared[0].Reason);
        }
    }
}
