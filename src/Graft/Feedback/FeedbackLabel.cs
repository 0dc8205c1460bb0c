namespace Graft.Feedback;

/// <summary>
/// The label (or, for a regression, the value) a prediction has as of an export, where it came from
/// (<see cref="LabelSource"/>), and when it was known: the outcome's observation, or the reviewer's decision.
/// </summary>
public sealed record FeedbackLabel(string PredictionId, string? Label, double? Value, string Source, DateTime LabelledAt);
