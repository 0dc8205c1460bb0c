namespace Graft.Monitoring;

/// <summary>
/// A use case's monitoring picture over one span of time (<c>graft monitor</c>, <c>GET …/monitoring</c>): the
/// service's health over every answer, review, and the confidence, drift and quality of the model version that answered
/// (the champion, unless another is asked for), all from the window summaries, the review decisions and the joined
/// outcomes, never from the log's rows.
/// </summary>
public sealed record MonitoringView(
    string UseCase,
    MonitoringSpan Window,
    string? ModelVersion,
    long Requests,
    LatencySummary LatencyMs,
    double? FallbackRate,
    IReadOnlyDictionary<string, long> Routes,
    IReadOnlyDictionary<string, long> Fallbacks,
    IReadOnlyList<WarningCount> Warnings,
    IReadOnlyDictionary<string, long> Confidence,
    ReviewSummary Review,
    DriftSummary? Drift,
    IReadOnlyDictionary<string, EstimatedMetric>? EstimatedQuality,
    Feedback.LiveQuality? Quality,
    bool? ConceptDriftSuspected,
    IReadOnlyList<AlertState> Alerts);

/// <summary>The span the view covers: from the start of its first base window to its end (or now).</summary>
public sealed record MonitoringSpan(DateTime From, DateTime To);

public sealed record LatencySummary(double? P50, double? P95, double? P99);

public sealed record WarningCount(string Field, string Code, long Count);

/// <summary>
/// Review over the span: the model's answers sent to review and their share of the model's answers (from the windows),
/// and the decisions reviewers made in the span with the share that overrode the model (from the decisions: each
/// slot's first, no escalation; see <see cref="Review.ReviewStats.Standing"/>).
/// </summary>
public sealed record ReviewSummary(long Sent, double? ReviewRate, int Decisions, int Overrides, double? OverrideRate);

/// <summary>Each field's drift, drifted ones first, the score's, and the share of fields with a verdict that drifted.</summary>
public sealed record DriftSummary(IReadOnlyList<FieldDrift> Fields, FieldDrift Score, double? ShareDrifted, bool? DatasetDrifted, double DriftShare);

/// <summary>
/// An alert rule of the spec and where it stands: its state (<c>inactive</c>, <c>pending</c>, <c>firing</c>,
/// <c>resolved</c>) and since when, its condition, and the value and samples of its last evaluation (none before the first).
/// </summary>
public sealed record AlertState(string Name, string State, DateTime? Since, string Severity, string Condition, double? Value, long Samples, DateTime? EvaluatedAt);
