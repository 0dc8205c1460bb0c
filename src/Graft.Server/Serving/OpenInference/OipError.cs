using Graft.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Graft.Server.Serving.OpenInference;

/// <summary>The protocol's error body, <c>{"error": "…"}</c>, which every failed /v2 request answers with (typically with 400).</summary>
public sealed record OipError(string Error)
{
    public static JsonHttpResult<OipError> Result(string message, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Json(new OipError(message), statusCode: status);

    /// <summary>A prediction the <see cref="Predictor"/> refused: its first problems by row and field, or its failure.</summary>
    public static JsonHttpResult<OipError> Of(PredictionOutcome refused) => refused.Problems is { } problems
        ? Result(string.Join("; ", problems.Take(5).Select(p => $"{p.Key} {p.Value[0]}")))
        : Result(refused.Message!, Problems.ExpectedFailure.StatusOf(refused.Failure!.Value));
}
