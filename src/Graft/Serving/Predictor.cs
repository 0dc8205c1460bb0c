using System.Diagnostics;
using Graft.UseCases;

namespace Graft.Serving;

/// <summary>
/// Answers one prediction request: checks the inputs, scores with the champion, and falls back to the rule
/// instead of failing when the use case is off, has no model, its model fails or is too slow, or required
/// inputs are missing. Only the caller's own mistakes (bad inputs, unknown use case) are errors.
/// </summary>
public sealed class Predictor(ServingState state, PredictionLog log, TimeProvider time)
{
    private static readonly string[] IsRequired = ["is required"];

    public async Task<PredictionOutcome> PredictAsync(string useCaseId, PredictionRequest request, string? keyId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var view = await state.UseCaseAsync(useCaseId, cancellationToken);
        if (view is null)
        {
            return PredictionOutcome.Failed(FailureKind.NotFound, $"no use case '{useCaseId}'");
        }
        var spec = view.Spec;
        LoadedModel? model = null;
        if (view.Champion is not null)
        {
            try
            {
                model = await state.ModelAsync(view.Champion, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                model = null; // served by the rule below, with the reason model_error
            }
        }
        var problems = InputCheck.Problems(view, model?.Card, request.Inputs);
        if (request.EntityId is { Length: > InputCheck.MaxEntityIdLength })
        {
            problems["entity_id"] = [$"is longer than {InputCheck.MaxEntityIdLength} characters"];
        }
        if (problems.Count > 0)
        {
            return PredictionOutcome.Rejected(problems);
        }
        var inputs = request.Inputs!.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
        var missing = InputCheck.MissingRequired(spec, request.Inputs!);
        var reason = spec.Stage == "off" ? FallbackReasons.Killed
            : view.Champion is null ? FallbackReasons.NoModel
            : model is null ? FallbackReasons.ModelError
            : missing.Count > 0 ? FallbackReasons.MissingInputs
            : null;

        ModelOutput? output = null;
        if (reason is null)
        {
            try
            {
                var scoring = time.GetTimestamp();
                output = model!.Score(inputs);
                reason = time.GetElapsedTime(scoring).TotalMilliseconds > spec.LatencyBudgetMs ? FallbackReasons.Timeout : null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Trace.TraceWarning($"{view.Champion} failed to score: {e.Message}");
                reason = FallbackReasons.ModelError;
            }
        }
        if (reason is not null)
        {
            if (spec.Rule is null || spec.Fallback == "none")
            {
                return reason == FallbackReasons.MissingInputs
                    ? PredictionOutcome.Rejected(missing.ToDictionary(f => f, _ => IsRequired, StringComparer.Ordinal))
                    : PredictionOutcome.Failed(FailureKind.Conflict, $"the model cannot answer ({reason}) and the spec has no rule to fall back on");
            }
            output = new RuleFallback(spec).Answer(inputs, model?.Card);
        }
        var route = reason is not null ? "fallback" : spec.Stage switch { "auto" => "auto", "assist" => "review", _ => "shadow" };
        var threshold = spec.Task == TaskKind.Binary ? reason is null ? model!.Card.Threshold ?? 0.5 : 0.5 : (double?)null;
        var response = new PredictionResponse(
            Guid.CreateVersion7().ToString("N"), view.Spec.Id, reason is null ? model!.Version : null, spec.Stage, route, reason,
            output!.Label, output.Score, threshold, output.ClassScores, output.Value,
            reason is null ? Confidence(spec.Task, output, threshold) : null, output.Explanation,
            Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3));
        var answer = System.Text.Json.JsonSerializer.Serialize(new { output.Label, output.Score, output.ClassScores, output.Value, output.Explanation });
        await log.RecordAsync(new PredictionRecord(response, request.EntityId, view.LogPolicy.MaskInputs(request.Inputs!), answer, keyId, time.GetUtcNow().UtcDateTime), cancellationToken);
        return PredictionOutcome.Answered(response);
    }

    /// <summary>How sure the model is: for binary, how far the score is from the threshold; for multiclass, the top probability.</summary>
    private static string? Confidence(TaskKind task, ModelOutput output, double? threshold) => task switch
    {
        TaskKind.Binary => Math.Abs(output.Score!.Value - threshold!.Value) switch { >= 0.3 => "high", >= 0.15 => "medium", _ => "low" },
        TaskKind.Multiclass => output.Score switch { >= 0.8 => "high", >= 0.5 => "medium", _ => "low" },
        _ => null,
    };
}

/// <summary>An answer, the problems with the request by field, or a failure with its kind.</summary>
public sealed record PredictionOutcome(PredictionResponse? Response, Dictionary<string, string[]>? Problems, FailureKind? Failure, string? Message)
{
    public static PredictionOutcome Answered(PredictionResponse response) => new(response, null, null, null);

    public static PredictionOutcome Rejected(Dictionary<string, string[]> problems) => new(null, problems, FailureKind.Invalid, "the inputs are not valid");

    public static PredictionOutcome Failed(FailureKind kind, string message) => new(null, null, kind, message);
}
