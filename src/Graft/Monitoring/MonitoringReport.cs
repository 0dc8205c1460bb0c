using Graft.Storage;

namespace Graft.Monitoring;

/// <summary>
/// What <c>graft monitor --html</c> draws: the view over the span, each field's distribution now beside its training
/// reference, and the span cut into equal parts, each with its own health, drift, review and quality, to show how
/// they moved. Everything comes from the window summaries, the joined outcomes and the decisions, as the view does.
/// </summary>
public sealed record MonitoringReport(MonitoringView View, IReadOnlyList<DistributionComparison> Distributions, IReadOnlyList<MonitoringPoint> History)
{
    /// <summary>At most this many parts: enough to see a trend, few enough that each has values to judge.</summary>
    public const int MaxPoints = 12;

    public static async Task<MonitoringReport> ReadAsync(GraftHome home, string useCaseId, DateTime from, DateTime? to, string? version, CancellationToken cancellationToken)
    {
        var reader = new MonitoringReader(home);
        var (view, reference, current) = await reader.ReadPartsAsync(useCaseId, from, to, version, cancellationToken);
        var distributions = reference is null ? [] : reference.Inputs.Append(reference.Score)
            .Select(r => r == reference.Score
                ? DistributionComparison.Of(r, current.Score, view.Drift?.Score)
                : DistributionComparison.Of(r, current.Fields.GetValueOrDefault(r.Field), view.Drift?.Fields.FirstOrDefault(f => f.Field == r.Field)))
            .ToList();
        var history = new List<MonitoringPoint>();
        foreach (var (start, end) in Parts(view.Window))
        {
            history.Add(MonitoringPoint.Of(await reader.ReadAsync(useCaseId, start, end, view.ModelVersion, cancellationToken)));
        }
        return new MonitoringReport(view, distributions, history);
    }

    /// <summary>The span cut into at most <see cref="MaxPoints"/> parts of whole base windows, the last ending where the span does.</summary>
    public static IReadOnlyList<(DateTime From, DateTime To)> Parts(MonitoringSpan span)
    {
        var windows = Math.Max(1, (int)Math.Ceiling((span.To - span.From) / MonitoringWindow.Length));
        var each = (int)Math.Ceiling((double)windows / MaxPoints);
        var parts = new List<(DateTime, DateTime)>();
        for (var start = span.From; start < span.To; start += each * MonitoringWindow.Length)
        {
            var end = start + (each * MonitoringWindow.Length);
            parts.Add((start, end < span.To ? end : span.To));
        }
        return parts;
    }
}

/// <summary>
/// One field's (or the score's) values now against training, over the training bins: the categories and the others,
/// or the deciles. Shares are of the present values; <see cref="Drifted"/> is the view's verdict.
/// </summary>
public sealed record DistributionComparison(string Field, string Measure, IReadOnlyList<string> Bins, double[] Reference, double[] Current, long CurrentCount, bool? Drifted)
{
    internal static DistributionComparison Of(FieldDistribution reference, BinCounts? current, FieldDrift? verdict)
    {
        var counts = current?.Bins ?? [];
        var inBins = counts.Length == reference.CountingBins ? FieldDrift.InTrainingBins(reference, [.. counts.Select(c => (double)c)]) : new double[reference.Shares.Length];
        var sum = inBins.Sum();
        return new DistributionComparison(reference.Field, reference.Measure, Labels(reference), reference.PresentShares(),
            [.. inBins.Select(c => sum > 0 ? c / sum : 0)], (long)sum, verdict?.Drifted);
    }

    private static string[] Labels(FieldDistribution reference)
    {
        if (reference.Kind == "categorical")
        {
            return [.. reference.Categories, "(other)"];
        }
        var edges = reference.Edges;
        if (edges.Length == 0)
        {
            return ["all"];
        }
        var labels = new string[edges.Length + 1];
        labels[0] = $"< {Audit.Wording.Number(edges[0])}";
        for (var i = 1; i < edges.Length; i++)
        {
            labels[i] = $"{Audit.Wording.Number(edges[i - 1])} to {Audit.Wording.Number(edges[i])}";
        }
        labels[^1] = $"≥ {Audit.Wording.Number(edges[^1])}";
        return labels;
    }
}

/// <summary>
/// One part of the span: its answers, p99 latency, fallback and warning rates (warnings per answer), the override rate
/// of the decisions made in it, each field's and the score's PSI against training, and the spec's metric estimated from
/// the scores beside its realized value on the outcomes of the part's predictions.
/// </summary>
public sealed record MonitoringPoint(DateTime From, DateTime To, long Requests, double? LatencyP99Ms, double? FallbackRate, double? WarningRate,
    int Decisions, double? OverrideRate, IReadOnlyDictionary<string, double?> Psi, EstimatedMetric? Estimated, double? Realized, long Outcomes)
{
    internal static MonitoringPoint Of(MonitoringView part)
    {
        var psi = part.Drift is { } drift
            ? drift.Fields.Append(drift.Score).ToDictionary(f => f.Field, f => f.Psi, StringComparer.Ordinal)
            : new Dictionary<string, double?>(StringComparer.Ordinal);
        var metric = part.Quality?.Metric;
        return new MonitoringPoint(part.Window.From, part.Window.To, part.Requests, part.LatencyMs.P99, part.FallbackRate,
            part.Requests == 0 ? null : (double)part.Warnings.Sum(w => w.Count) / part.Requests,
            part.Review.Decisions, part.Review.OverrideRate, psi,
            metric is null ? null : part.EstimatedQuality?.GetValueOrDefault(metric), part.Quality is { Rows: > 0 } q ? q.Value : null, part.Quality?.Rows ?? 0);
    }
}
