using Graft.Registry;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Monitoring;

/// <summary>
/// Builds a <see cref="MonitoringView"/> from the base windows a span covers, added together: the reads grow with the
/// span's length, never with its traffic.
/// </summary>
public sealed class MonitoringReader(GraftHome home)
{
    /// <summary>
    /// The view over the base windows from the one <paramref name="from"/> falls in to those that start before
    /// <paramref name="to"/>, or, when it is null, to the one now falls in. <paramref name="version"/> picks whose drift and quality to show: by default the champion, or,
    /// with none, the version that answered most.
    /// </summary>
    public async Task<MonitoringView> ReadAsync(string useCaseId, DateTime from, DateTime? to, string? version, CancellationToken cancellationToken) =>
        (await ReadPartsAsync(useCaseId, from, to, version, cancellationToken)).View;

    /// <summary>
    /// The view with what it was worked out from: the shown version's reference (none without one) and the summary of
    /// its answers over the span, so a report can draw the distributions the drift compares.
    /// </summary>
    internal async Task<(MonitoringView View, ReferenceProfile? Reference, WindowSummary Current)> ReadPartsAsync(string useCaseId, DateTime from, DateTime? to, string? version,
        CancellationToken cancellationToken)
    {
        var (useCase, revision) = await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken);
        var spec = revision.Spec();
        var end = to ?? home.Now;
        if (from >= end)
        {
            throw GraftException.Invalid($"the span from {from:u} to {end:u} is empty: its start must come before its end");
        }
        var start = MonitoringWindow.StartOf(from);
        // up to now: the window now falls in, so far; up to a time: the windows that start before it
        var last = to is null ? MonitoringWindow.StartOf(end) : end.AddTicks(-1);
        await using var db = home.CreateDb();
        var windows = await db.MonitoringWindows.AsNoTracking()
            .Where(w => w.UseCaseId == useCase.Id && w.Start >= start && w.Start <= last)
            .Select(w => new { w.ModelVersion, w.SummaryJson, w.Requests }).ToListAsync(cancellationToken);
        if (version is not null && !await db.ModelVersions.AnyAsync(v => v.Id == version && v.UseCaseId == useCase.Id, cancellationToken))
        {
            throw GraftException.NotFound($"use case '{useCase.Id}' has no model version '{version}' (graft models list {useCase.Id} shows them)");
        }
        var all = new WindowSummary();
        var byVersion = new Dictionary<string, WindowSummary>(StringComparer.Ordinal);
        foreach (var w in windows)
        {
            var summary = MonitoringWindow.Parse(w.SummaryJson);
            all.Add(summary);
            if (w.ModelVersion.Length > 0)
            {
                if (!byVersion.TryGetValue(w.ModelVersion, out var sum))
                {
                    byVersion[w.ModelVersion] = sum = new WindowSummary();
                }
                sum.Add(summary);
            }
        }
        var shown = version ?? useCase.ChampionVersion
            ?? byVersion.OrderByDescending(v => v.Value.Requests).Select(v => v.Key).FirstOrDefault();
        DriftSummary? drift = null;
        ReferenceProfile? reference = null;
        var current = new WindowSummary();
        Feedback.LiveQuality? quality = null;
        IReadOnlyDictionary<string, EstimatedMetric>? estimated = null;
        if (shown is not null)
        {
            reference = await ReferenceAsync(db, shown, cancellationToken);
            current = byVersion.GetValueOrDefault(shown) ?? current;
            drift = reference is null ? null : Drift(reference, current, spec.Monitoring);
            // the outcomes of the predictions made in the span: up to its end when it has one, else up to now
            quality = await new Feedback.LiveQualityReader(home).OfAsync(spec, shown, start, to, cancellationToken);
            if (reference is { Calibration: { } calibration, Score.Shape: { } shape } && current.Score is { } scores)
            {
                var card = await new ModelRegistry(home).CardAsync(shown, cancellationToken);
                estimated = QualityEstimator.Estimate(shape.Edges, calibration, scores, Serving.ModelNumbers.Threshold(card));
            }
        }
        var suspected = ConceptDriftSuspected(estimated, quality, spec.Metric, spec.Monitoring.MinValues);
        var statuses = await db.AlertStatuses.AsNoTracking().Where(a => a.UseCaseId == useCase.Id).ToDictionaryAsync(a => a.Name, cancellationToken);
        var alerts = spec.Alerts.Select(rule => statuses.GetValueOrDefault(rule.Name) is { } s
                ? new AlertState(rule.Name, s.State, s.Since, rule.Severity, rule.Condition, s.Value, s.Samples, s.EvaluatedAt)
                : new AlertState(rule.Name, AlertStatus.Inactive, null, rule.Severity, rule.Condition, null, 0, null))
            .OrderBy(a => a.State switch { AlertStatus.Firing => 0, AlertStatus.Pending => 1, _ => 2 }).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
        var fallbacks = all.Fallbacks.Values.Sum();
        var decisions = await Review.ReviewStats.Standing(db, useCase.Id, start, to ?? DateTime.MaxValue).Select(d => d.Decision).ToListAsync(cancellationToken);
        var overrides = decisions.Count(d => d == Review.ReviewDecisions.Override);
        var modelAnswers = byVersion.Values.Sum(v => v.Requests);
        var review = new ReviewSummary(all.Reviews, modelAnswers == 0 ? null : (double)all.Reviews / modelAnswers,
            decisions.Count, overrides, decisions.Count == 0 ? null : (double)overrides / decisions.Count);
        var view = new MonitoringView(useCase.Id, new MonitoringSpan(start, end), shown, all.Requests,
            new LatencySummary(all.Latency.Quantile(0.5), all.Latency.Quantile(0.95), all.Latency.Quantile(0.99)),
            all.Requests == 0 ? null : (double)fallbacks / all.Requests, all.Routes, all.Fallbacks,
            [.. all.Warnings.Select(w => Warning(w.Key, w.Value)).OrderByDescending(w => w.Count).ThenBy(w => w.Field, StringComparer.Ordinal)],
            current.Confidence, review, drift, estimated, quality, suspected, alerts);
        return (view, reference, current);
    }

    /// <summary>
    /// Whether the realized value of the spec's metric, from at least <paramref name="minOutcomes"/> joined outcomes,
    /// falls outside the band estimated from the scores: the change in what inputs mean that estimation cannot see.
    /// Null when either is missing.
    /// </summary>
    public static bool? ConceptDriftSuspected(IReadOnlyDictionary<string, EstimatedMetric>? estimated, Feedback.LiveQuality? quality, string metric, int minOutcomes) =>
        estimated?.GetValueOrDefault(metric) is { } band && quality is { Value: { } realized } && quality.Rows >= minOutcomes
            ? realized < band.Lower || realized > band.Upper
            : null;

    /// <summary>Each input's drift and the score's against the version's reference; the share drifted counts only fields with a verdict.</summary>
    public static DriftSummary Drift(ReferenceProfile reference, WindowSummary current, MonitoringPolicy policy)
    {
        var fields = reference.Inputs
            .Select(r => FieldDrift.Of(r, current.Fields.GetValueOrDefault(r.Field), policy, policy.Fields.GetValueOrDefault(r.Field)))
            .OrderByDescending(f => f.Drifted == true).ThenBy(f => f.Verdict == FieldDrift.InsufficientData).ThenBy(f => f.Field, StringComparer.Ordinal)
            .ToList();
        var score = FieldDrift.Of(reference.Score, current.Score, policy, policy.Score);
        var judged = fields.Where(f => f.Drifted is not null).ToList();
        double? share = judged.Count == 0 ? null : (double)judged.Count(f => f.Drifted == true) / judged.Count;
        return new DriftSummary(fields, score, share, share is { } s ? s >= policy.DriftShare : null, policy.DriftShare);
    }

    private static async Task<ReferenceProfile?> ReferenceAsync(GraftDb db, string version, CancellationToken cancellationToken) =>
        ReferenceProfile.Parse(await db.ModelVersions.Where(v => v.Id == version).Select(v => v.ReferenceJson).FirstOrDefaultAsync(cancellationToken));

    private static WarningCount Warning(string key, long count)
    {
        var slash = key.LastIndexOf('/');
        return new WarningCount(key[..slash], key[(slash + 1)..], count);
    }
}
