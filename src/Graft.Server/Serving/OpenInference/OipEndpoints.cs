using System.Security.Claims;
using Graft.Server.Governance;
using Graft.Server.Monitoring;
using Graft.Server.Problems;
using Graft.Serving;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Graft.Server.Serving.OpenInference;

/// <summary>
/// The Open Inference Protocol v2 REST routes, so KServe, Triton and MLServer clients can call Graft's models
/// (see <see cref="OipModels"/> for how a model and its versions are named). One tensor per field. Errors follow
/// the protocol: <c>{"error": "…"}</c>, status 400 unless another fits better.
/// <list type="bullet">
/// <item><c>GET /v2/health/live</c>, <c>GET /v2/health/ready</c> (no key), <c>GET /v2</c></item>
/// <item><c>GET /v2/models/{name}[/versions/{version}]</c> and <c>…/ready</c></item>
/// <item><c>POST /v2/models/{name}[/versions/{version}]/infer</c></item>
/// </list>
/// </summary>
public static class OipEndpoints
{
    private const string Tag = "Open Inference Protocol";

    public static IEndpointRouteBuilder MapOpenInference(this IEndpointRouteBuilder routes)
    {
        // Open, as /healthz and /readyz are: Kubernetes probes carry no key.
        var probes = routes.MapGroup("/v2/health").AllowWithoutKey().WithTags(Tag);
        probes.MapGet("/live", () => TypedResults.Ok(new OipLiveness(true))).WithName("OipLive");
        probes.MapGet("/ready", ServerReadyAsync).WithName("OipReady").ProducesAt<OipReadiness>(Status400BadRequest);

        var v2 = routes.MapGroup("/v2").RequireKey().WithTags(Tag);
        v2.MapGet("", () => TypedResults.Ok(OipServerMetadata.Graft)).WithName("OipServer");
        // A model is a use case: a key limited to another is refused in the protocol's error body.
        var models = v2.MapGroup("/models/{name}")
            .RequireScope(UseCaseScope.Route("name").RefusedWith<OipError>(detail => OipError.Result(detail, Status403Forbidden)));
        models.MapGet("", (string name, ServingState state, CancellationToken ct) => MetadataAsync(name, null, state, ct))
            .WithName("OipModel").ProducesAt<OipError>(Status400BadRequest, Status404NotFound, Status503ServiceUnavailable);
        models.MapGet("/versions/{version}", MetadataAsync)
            .WithName("OipModelVersion").ProducesAt<OipError>(Status400BadRequest, Status404NotFound, Status503ServiceUnavailable);
        models.MapGet("/ready", (string name, ServingState state, CancellationToken ct) => ReadyAsync(name, null, state, ct))
            .WithName("OipModelReady").ProducesAt<OipReadiness>(Status400BadRequest, Status404NotFound);
        models.MapGet("/versions/{version}/ready", ReadyAsync)
            .WithName("OipModelVersionReady").ProducesAt<OipReadiness>(Status400BadRequest, Status404NotFound);
        // 409: the model cannot answer and the spec has no rule to fall back on; 413: a body over the server's limit, refused before infer reads it.
        models.MapPost("/infer", (string name, HttpRequest request, ServingState state, Predictor predictor, ServiceMetrics metrics,
                ClaimsPrincipal user, CancellationToken ct) => InferAsync(name, null, request, state, predictor, metrics, user, ct))
            .RequireRole(AuthenticationSetup.Predict).WithName("OipInfer").ProducesProblems(Status413PayloadTooLarge)
            .ProducesAt<OipError>(Status400BadRequest, Status404NotFound, Status409Conflict, Status415UnsupportedMediaType, Status503ServiceUnavailable);
        models.MapPost("/versions/{version}/infer", InferAsync)
            .RequireRole(AuthenticationSetup.Predict).WithName("OipInferVersion").ProducesProblems(Status413PayloadTooLarge)
            .ProducesAt<OipError>(Status400BadRequest, Status404NotFound, Status409Conflict, Status415UnsupportedMediaType, Status503ServiceUnavailable);
        return routes;
    }

    /// <summary>Lists <typeparamref name="TBody"/> in the OpenAPI document as the body of each of these statuses.</summary>
    private static RouteHandlerBuilder ProducesAt<TBody>(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            route.Produces<TBody>(status);
        }
        return route;
    }

    /// <summary>Ready as <c>/readyz</c> is (the store answers); not ready is a 4xx, as the protocol has it (200 is true, 4xx false).</summary>
    private static async Task<Results<Ok<OipReadiness>, JsonHttpResult<OipReadiness>>> ServerReadyAsync(GraftHome home, CancellationToken cancellationToken) =>
        await HealthEndpoints.StoreAnswersAsync(home, cancellationToken)
            ? TypedResults.Ok(new OipReadiness(null, true))
            : TypedResults.Json(new OipReadiness(null, false, HealthEndpoints.StoreSilent), statusCode: Status400BadRequest);

    private static async Task<Results<Ok<OipModelMetadata>, JsonHttpResult<OipError>>> MetadataAsync(
        string name, string? version, ServingState state, CancellationToken cancellationToken)
    {
        var (model, error) = await OipModels.ResolveAsync(name, version, state, cancellationToken);
        if (model is null)
        {
            return error!;
        }
        var card = model.Card;
        var spec = (await state.UseCaseAsync(name, cancellationToken))!.Spec; // read just now to resolve the model
        return TypedResults.Ok(new OipModelMetadata(
            name, [OipModels.Number(card.Version)], "graft-mlnet",
            [.. card.Inputs.Select(i => new OipTensorMetadata(i.Field, OipDatatypes.Of(i), [-1]))], OipTensorWriter.Metadata(card),
            new OipModelParameters(card.Classes, card.Task.ToString().ToLowerInvariant(), [.. InputExpectations.For(spec, card).Required])));
    }

    /// <summary>
    /// A model is ready when its version loads. Not ready is a 4xx, as for the server (clients such as Triton's read
    /// only the status): 404 for a model or version that does not exist, 400 for one that cannot answer.
    /// </summary>
    private static async Task<Results<Ok<OipReadiness>, JsonHttpResult<OipReadiness>>> ReadyAsync(
        string name, string? version, ServingState state, CancellationToken cancellationToken)
    {
        var (model, error) = await OipModels.ResolveAsync(name, version, state, cancellationToken);
        return model is not null
            ? TypedResults.Ok(new OipReadiness(name, true))
            : TypedResults.Json(new OipReadiness(name, false, error!.Value!.Error),
                statusCode: error.StatusCode == Status404NotFound ? Status404NotFound : Status400BadRequest);
    }

    /// <summary>
    /// Checks the tensors against the model's inputs, then answers through the same <see cref="Predictor"/> as
    /// <c>/v1</c>: the spec's checks, the kill switch and rule fallback (the <c>route</c> output says which rows
    /// the rule answered), metrics and the prediction log. No explanations: the protocol has no place for them.
    /// </summary>
    private static async Task<Results<Ok<OipInferResponse>, JsonHttpResult<OipError>>> InferAsync(string name, string? version, HttpRequest request,
        ServingState state, Predictor predictor, ServiceMetrics metrics, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (model, error) = await OipModels.ResolveAsync(name, version, state, cancellationToken);
        if (model is null)
        {
            return error!;
        }
        var (infer, problem) = await OipInferRequest.ReadAsync(request, model.Card, cancellationToken);
        if (infer is null)
        {
            return problem!;
        }
        var outcome = await predictor.PredictBatchAsync(name, infer.Rows.ConvertAll(r => new PredictionRequest(null, r)), user.KeyId(),
            new PredictionChoice(model.Version, Explain: false), cancellationToken);
        metrics.Count(name, outcome);
        return outcome.Batch is { } answers
            ? TypedResults.Ok(new OipInferResponse(name, OipModels.Number(model.Version), infer.Id, OipTensorWriter.Write(model.Card, answers, infer.Outputs)))
            : OipError.Of(outcome);
    }
}
