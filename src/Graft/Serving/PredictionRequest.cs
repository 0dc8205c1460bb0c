namespace Graft.Serving;

/// <summary>
/// One row to predict (the entity it is about and its field values, as the app sends them), or a batch of
/// such rows in <see cref="Rows"/>.
/// </summary>
public sealed record PredictionRequest(string? EntityId, Dictionary<string, InputValue>? Inputs, List<PredictionRequest>? Rows = null)
{
    public const int MaxBatchRows = 1000;
}

/// <summary>The answers to a batch, in the order of its rows.</summary>
public sealed record BatchPredictionResponse(IReadOnlyList<PredictionResponse> Predictions);

/// <summary>
/// The answer the app acts on. <see cref="Route"/> is what it asks of the app (auto, review, shadow or fallback,
/// with <see cref="FallbackReason"/>), <see cref="Cohort"/> whether the entity is in the stage's cohort (in assist and
/// auto; null otherwise); binary answers carry label, score and threshold, multiclass label and
/// per-class scores, regression the value; <see cref="Warnings"/> say what the model did not see in training.
/// </summary>
public sealed record PredictionResponse(
    string PredictionId,
    string UseCase,
    string? ModelVersion,
    string Stage,
    string? Cohort,
    string Route,
    string? FallbackReason,
    string? Label,
    double? Score,
    double? Threshold,
    IReadOnlyDictionary<string, double>? Scores,
    double? Value,
    string? Confidence,
    IReadOnlyList<InputWarning> Warnings,
    IReadOnlyList<Contribution> Explanation,
    double? ExplanationBase,
    double? ExplanationOther,
    double LatencyMs)
{
    /// <summary>The review item this answer opened, when its route is <c>review</c> under the spec's review policy.</summary>
    public string? ReviewId { get; init; }
}

/// <summary>Why the rule answered instead of the model. The words are part of the API.</summary>
public static class FallbackReasons
{
    public const string Killed = "killed";
    public const string NoModel = "no_model";
    public const string ModelError = "model_error";
    public const string Timeout = "timeout";
    public const string MissingInputs = "missing_inputs";
    public const string OutOfCohort = "out_of_cohort";
}
