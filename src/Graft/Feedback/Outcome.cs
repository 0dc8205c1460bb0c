namespace Graft.Feedback;

/// <summary>
/// The ground truth of one prediction, as reported: the label or value observed, when it was observed, and how it found
/// its prediction (by id, or by entity: the latest prediction for the entity made at or before the observation, within
/// the spec's <c>outcomes.window</c>). A later outcome for the same prediction supersedes this one; both are kept.
/// </summary>
public sealed class Outcome
{
    public string Id { get; set; } = "";
    public string UseCaseId { get; set; } = "";
    public string PredictionId { get; set; } = "";
    public DateTime PredictedAt { get; set; }

    /// <summary>The entity the app reported it by, as the log keeps it; null for an outcome reported by prediction id.</summary>
    public string? EntityId { get; set; }
    public DateTime ObservedAt { get; set; }
    public string? Label { get; set; }
    public double? Value { get; set; }
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    /// <summary>The outcome that replaced this one for the same prediction; null while this one stands.</summary>
    public string? SupersededBy { get; set; }
}
