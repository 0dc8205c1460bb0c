using System.Text.Json;
using Graft.Registry;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Feedback;

/// <summary>
/// Live quality from the store: for each model version, the standing outcomes (not superseded) of its predictions made
/// since a time, scored as its test rows were at training, beside its training value of the spec's metric.
/// </summary>
public sealed class LiveQualityReader(GraftHome home)
{
    /// <summary>Each version that answered predictions with outcomes since <paramref name="since"/> (all time when null), newest version first; or only <paramref name="version"/>.</summary>
    public Task<IReadOnlyList<LiveQuality>> ByVersionAsync(UseCaseSpec spec, DateTime? since, string? version, CancellationToken cancellationToken) =>
        ByVersionAsync(spec, since, null, version, cancellationToken);

    /// <summary>The same, of the predictions made from <paramref name="since"/> up to (not including) <paramref name="until"/> (no end when null).</summary>
    public async Task<IReadOnlyList<LiveQuality>> ByVersionAsync(UseCaseSpec spec, DateTime? since, DateTime? until, string? version, CancellationToken cancellationToken)
    {
        var from = since ?? DateTime.MinValue;
        var to = until ?? DateTime.MaxValue;
        await using var db = home.CreateDb();
        var rows = await db.Outcomes.AsNoTracking()
            .Where(o => o.UseCaseId == spec.Id && o.SupersededBy == null && o.ModelVersion != null && o.AnswerJson != null && o.PredictedAt >= from && o.PredictedAt < to)
            .Where(o => version == null || o.ModelVersion == version)
            .Select(o => new { o.ModelVersion, o.AnswerJson, o.Label, o.Value })
            .ToListAsync(cancellationToken);
        var registry = new ModelRegistry(home);
        var qualities = new List<LiveQuality>();
        foreach (var answered in rows.GroupBy(r => r.ModelVersion!))
        {
            var card = await registry.CardAsync(answered.Key, cancellationToken);
            var training = await TrainingValueAsync(registry, answered.Key, spec.Metric, cancellationToken);
            qualities.Add(LiveQualityMetrics.Compute(spec, card, training, [.. answered.Select(r => new JoinedAnswer(r.AnswerJson!, r.Label, r.Value))]));
        }
        return [.. qualities.OrderByDescending(q => q.ModelVersion, StringComparer.Ordinal)];
    }

    /// <summary>One version's live quality since <paramref name="since"/>: none (zero rows) when no outcome joined its answers.</summary>
    public Task<LiveQuality> OfAsync(UseCaseSpec spec, string version, DateTime? since, CancellationToken cancellationToken) =>
        OfAsync(spec, version, since, null, cancellationToken);

    /// <summary>One version's live quality on its predictions made from <paramref name="since"/> up to <paramref name="until"/>.</summary>
    public async Task<LiveQuality> OfAsync(UseCaseSpec spec, string version, DateTime? since, DateTime? until, CancellationToken cancellationToken) =>
        Of(await ByVersionAsync(spec, since, until, version, cancellationToken), version) ?? await NoneAsync(spec, version, cancellationToken);

    /// <summary>
    /// <paramref name="version"/>'s entry of <paramref name="byVersion"/> (as <c>ByVersionAsync</c> gave it), or
    /// its zero rows beside its training value when it has none: no second read of the outcomes.
    /// </summary>
    public async Task<LiveQuality> OfAsync(IReadOnlyList<LiveQuality> byVersion, UseCaseSpec spec, string version, CancellationToken cancellationToken) =>
        Of(byVersion, version) ?? await NoneAsync(spec, version, cancellationToken);

    private static LiveQuality? Of(IReadOnlyList<LiveQuality> byVersion, string version) =>
        byVersion.FirstOrDefault(q => q.ModelVersion == version);

    private async Task<LiveQuality> NoneAsync(UseCaseSpec spec, string version, CancellationToken cancellationToken) =>
        LiveQuality.None(version, spec.Metric, await TrainingValueAsync(new ModelRegistry(home), version, spec.Metric, cancellationToken));

    /// <summary>The version's value of <paramref name="metric"/> on its test rows, as training registered it.</summary>
    private static async Task<double?> TrainingValueAsync(ModelRegistry registry, string version, string metric, CancellationToken cancellationToken)
    {
        var metrics = JsonSerializer.Deserialize<Dictionary<string, double>>((await registry.GetAsync(version, cancellationToken)).MetricsJson);
        return metrics is not null && metrics.TryGetValue(metric, out var value) && double.IsFinite(value) ? value : null;
    }
}
