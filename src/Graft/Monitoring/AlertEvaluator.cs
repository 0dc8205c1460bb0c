using Graft.Governance;
using Graft.Storage;
using Graft.UseCases;
using Graft.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Graft.Monitoring;

/// <summary>
/// Evaluates the alert rules of every use case against the monitoring windows (and, for override rates, the review
/// decisions), and moves each rule along its lifecycle (<see cref="AlertStatus.Evaluate"/>). A transition is stored as
/// an <see cref="AlertEvent"/>; firing and resolving also go to the use case's webhooks (<c>alert.firing</c>,
/// <c>alert.resolved</c>) and into the audit trail, in the same transaction. Every <c>graft serve</c> process sharing
/// the store may evaluate: a rule evaluated in the last half <see cref="Every"/> is left alone, and of two processes
/// saving the same rule the second reads again what the first left, so a transition happens once.
/// </summary>
public sealed class AlertEvaluator(GraftHome home, AlertEvaluator.Retraining? retrain = null)
{
    /// <summary>
    /// Starts a training run of a use case for an alert rule that fired (<c>on_alert: retrain</c>), with why; the
    /// server queues it as a job. The transition to firing is made once across processes, so the run is started once.
    /// </summary>
    public delegate Task Retraining(string useCaseId, string reason, CancellationToken cancellationToken);

    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>Who the trail says fired or resolved an alert.</summary>
    public static readonly Actor Monitor = new("graft:monitoring", "system");

    /// <summary>Evaluates every use case's rules; the transitions it made.</summary>
    public async Task<IReadOnlyList<AlertEvent>> EvaluateAllAsync(CancellationToken cancellationToken)
    {
        var transitions = new List<AlertEvent>();
        foreach (var useCase in await new UseCaseCatalog(home).ListAsync(cancellationToken))
        {
            transitions.AddRange(await EvaluateAsync(useCase.Id, cancellationToken));
        }
        return transitions;
    }

    public async Task<IReadOnlyList<AlertEvent>> EvaluateAsync(string useCaseId, CancellationToken cancellationToken)
    {
        var (_, revision) = await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken);
        var spec = revision.Spec();
        var rules = spec.Alerts;
        var transitions = new List<AlertEvent>();
        if (rules.Count == 0)
        {
            return transitions;
        }
        var now = home.Now;
        var views = new Dictionary<TimeSpan, MonitoringView>();
        var reviews = new Dictionary<TimeSpan, Review.ReviewStats>();
        foreach (var rule in rules)
        {
            var (value, samples) = await SignalAsync(useCaseId, rule, now, views, reviews, cancellationToken);
            var holds = value is { } v && (rule.Signal.Name == "requests" || samples >= rule.MinSamples) && rule.Holds(v);
            var made = await StoreConflicts.RetriedAsync(5, async ct => await SaveAsync(useCaseId, rule, holds, value, samples, now, ct), cancellationToken);
            if (made is not null)
            {
                transitions.Add(made);
                if (made.To == AlertStatus.Firing && rule.RollsBackCanary)
                {
                    await RollBackCanaryAsync(spec, rule, value, cancellationToken);
                }
                if (made.To == AlertStatus.Firing && rule.Retrains && retrain is not null)
                {
                    await retrain(useCaseId, $"alert {rule.Name} fired ({rule.Condition}; {Seen(value)}): retraining by on_alert", cancellationToken);
                }
            }
        }
        return transitions;
    }

    /// <summary>Clears the use case's challenger when it is a canary (a shadow challenger answers no one): the champion serves every entity again.</summary>
    private async Task RollBackCanaryAsync(UseCaseSpec spec, AlertRule rule, double? value, CancellationToken cancellationToken)
    {
        var useCaseId = spec.Id;
        var rollout = await new Rollout.RolloutControl(home).SnapshotAsync(useCaseId, spec, cancellationToken);
        if (rollout.ChallengerMode == Rollout.ChallengerMode.Canary)
        {
            await new Rollout.Challengers.ChallengerControl(home).ClearAsync(useCaseId,
                $"alert {rule.Name} fired during the canary of {rollout.ChallengerVersion} ({rule.Condition}; {Seen(value)}): rolled back by on_alert", Monitor, cancellationToken);
        }
    }

    private static string Seen(double? value) => value is { } v ? v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "none";

    /// <summary>The rule's signal over its window ending now, and the samples it rests on; a null value when there is none to judge.</summary>
    private async Task<(double? Value, long Samples)> SignalAsync(string useCaseId, AlertRule rule, DateTime now,
        Dictionary<TimeSpan, MonitoringView> views, Dictionary<TimeSpan, Review.ReviewStats> reviews, CancellationToken cancellationToken)
    {
        if (rule.Signal.Name == "override_rate")
        {
            if (!reviews.TryGetValue(rule.Window, out var stats))
            {
                reviews[rule.Window] = stats = await Review.ReviewStats.ReadAsync(home, useCaseId, rule.Window, cancellationToken);
            }
            return (stats.OverrideRate, stats.Decisions);
        }
        if (!views.TryGetValue(rule.Window, out var view))
        {
            views[rule.Window] = view = await new MonitoringReader(home).ReadAsync(useCaseId, now - rule.Window, null, null, cancellationToken);
        }
        return rule.Signal.Name switch
        {
            "psi" => view.Drift?.Fields.FirstOrDefault(f => f.Field == rule.Signal.Argument) is { } field ? (field.Psi, field.CurrentCount) : (null, 0),
            "score_psi" => view.Drift is { } drift ? (drift.Score.Psi, drift.Score.CurrentCount) : (null, 0),
            "share_drifted" => (view.Drift?.ShareDrifted, view.Requests),
            "fallback_rate" => (view.FallbackRate, view.Requests),
            "latency_p50_ms" => (view.LatencyMs.P50, view.Requests),
            "latency_p99_ms" => (view.LatencyMs.P99, view.Requests),
            "warning_rate" => (view.Requests == 0 ? null : (double)view.Warnings.Sum(w => w.Count) / view.Requests, view.Requests),
            "requests" => (view.Requests, view.Requests),
            "live" => view.Quality is { } q && q.Values.TryGetValue(rule.Signal.Argument!, out var metric) ? (Convert.ToDouble(metric, System.Globalization.CultureInfo.InvariantCulture), q.Rows) : (null, 0),
            "estimated" => view.EstimatedQuality?.GetValueOrDefault(rule.Signal.Argument!) is { } estimate ? (estimate.Value, estimate.Rows) : (null, 0),
            "concept_drift_suspected" => view.ConceptDriftSuspected is { } suspected ? (suspected ? 1 : 0, view.Quality?.Rows ?? 0) : (null, 0),
            _ => (null, 0),
        };
    }

    private async ValueTask<AlertEvent?> SaveAsync(string useCaseId, AlertRule rule, bool holds, double? value, long samples, DateTime now, CancellationToken cancellationToken) =>
        await new AuditTrail(home).CommitAsync(Monitor, async (db, ct) =>
        {
            var status = await db.AlertStatuses.FirstOrDefaultAsync(s => s.UseCaseId == useCaseId && s.Name == rule.Name, ct);
            if (status is null)
            {
                db.AlertStatuses.Add(status = new AlertStatus(useCaseId, rule.Name, now));
            }
            else if (status.EvaluatedAt is { } last && now - last < Every / 2)
            {
                return ((AlertEvent?)null, (TrailRecord?)null); // another process has just evaluated it
            }
            var left = status.Evaluate(rule, holds, value, samples, now);
            if (left is null)
            {
                await db.SaveChangesAsync(ct);
                return (null, null);
            }
            var made = new AlertEvent(useCaseId, rule.Name, left, status.State, now, value, samples, rule.Severity);
            db.AlertEvents.Add(made);
            TrailRecord? record = null;
            if (status.State is AlertStatus.Firing or AlertStatus.Resolved)
            {
                var data = new { alert = rule.Name, state = status.State, severity = rule.Severity, condition = rule.Condition, value, samples, window = rule.Window.ToString() };
                await WebhookEvents.AddAsync(db, useCaseId, status.State == AlertStatus.Firing ? WebhookEventTypes.AlertFiring : WebhookEventTypes.AlertResolved, data, now, ct);
                record = new TrailRecord(status.State == AlertStatus.Firing ? TrailActs.AlertFiring : TrailActs.AlertResolved, useCaseId, rule.Name,
                    new { state = left }, data);
            }
            return (made, record);
        }, cancellationToken);
}
