using System.Text.Json;
using Graft.Registry;
using Graft.Server.Governance;
using Graft.Server.Monitoring;
using Graft.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Serving;

/// <summary>
/// The Open Inference Protocol v2 REST routes, so KServe, Triton and MLServer clients can call Graft's models:
/// a model is a use case, its versions are the model version numbers, and without a version Graft serves the
/// champion. One tensor per field (BYTES for categories and text, FP64 or BOOL for numbers). Errors follow the
/// protocol: status 400 with <c>{"error": "…"}</c>.
/// <list type="bullet">
/// <item><c>GET /v2</c>, <c>GET /v2/health/live</c>, <c>GET /v2/health/ready</c></item>
/// <item><c>GET /v2/models/{name}[/versions/{version}]</c> and <c>…/ready</c></item>
/// <item><c>POST /v2/models/{name}[/versions/{version}]/infer</c></item>
/// </list>
/// </summary>
public static class OipEndpoints
{
    public static IEndpointRouteBuilder MapOpenInference(this IEndpointRouteBuilder routes)
    {
        var v2 = routes.MapGroup("/v2").RequireAuthorization().WithTags("Open Inference Protocol");
        v2.MapGet("", () => Results.Json(new { name = "graft", version = typeof(OipEndpoints).Assembly.GetName().Version?.ToString(3), extensions = Array.Empty<string>() }))
            .WithName("OipServer");
        v2.MapGet("/health/live", () => Results.Json(new { live = true })).WithName("OipLive");
        v2.MapGet("/health/ready", () => Results.Json(new { ready = true })).WithName("OipReady");
        v2.MapGet("/models/{name}", (string name, ServingState state, CancellationToken ct) => MetadataAsync(name, null, state, ct)).WithName("OipModel");
        v2.MapGet("/models/{name}/versions/{version}", MetadataAsync).WithName("OipModelVersion");
        v2.MapGet("/models/{name}/ready", (string name, ServingState state, CancellationToken ct) => ReadyAsync(name, null, state, ct)).WithName("OipModelReady");
        v2.MapGet("/models/{name}/versions/{version}/ready", ReadyAsync).WithName("OipModelVersionReady");
        v2.MapPost("/models/{name}/infer", (string name, HttpRequest request, ServingState state, Predictor predictor, ServiceMetrics metrics,
            System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) => InferAsync(name, null, request, state, predictor, metrics, user, ct))
            .RequireAuthorization(AuthenticationSetup.Predict).WithName("OipInfer");
        v2.MapPost("/models/{name}/versions/{version}/infer", InferAsync).RequireAuthorization(AuthenticationSetup.Predict).WithName("OipInferVersion");
        return routes;
    }

    private static IResult Error(string message, int status = StatusCodes.Status400BadRequest) => Results.Json(new { error = message }, statusCode: status);

    private static async Task<(LoadedModel? Model, IResult? Error)> ResolveAsync(string name, string? version, ServingState state, CancellationToken cancellationToken)
    {
        var view = await state.UseCaseAsync(name, cancellationToken);
        if (view is null)
        {
            return (null, Error($"no model '{name}'", StatusCodes.Status404NotFound));
        }
        string? id = version is null ? view.Champion : int.TryParse(version, out var n) && n > 0 ? ModelRegistry.ModelVersionId(name, n) : null;
        if (id is null)
        {
            return (null, Error(version is null ? $"model '{name}' has no champion yet" : $"'{version}' is not a version number of '{name}'"));
        }
        try
        {
            var model = await state.ModelAsync(id, cancellationToken);
            return model.Card.UseCase == name ? (model, null) : (null, Error($"no version {version} of '{name}'", StatusCodes.Status404NotFound));
        }
        catch (GraftException e) when (e.Kind == FailureKind.NotFound)
        {
            return (null, Error($"no version {version} of '{name}'", StatusCodes.Status404NotFound));
        }
        catch (GraftException e) when (e.Kind == FailureKind.Conflict)
        {
            return (null, Error($"version {version ?? "champion"} of '{name}' cannot be loaded", StatusCodes.Status503ServiceUnavailable));
        }
    }

    private static async Task<IResult> MetadataAsync(string name, string? version, ServingState state, CancellationToken cancellationToken)
    {
        var (model, error) = await ResolveAsync(name, version, state, cancellationToken);
        if (model is null)
        {
            return error!;
        }
        var card = model.Card;
        return Results.Json(new
        {
            name,
            versions = new[] { Number(card.Version) },
            platform = "graft-mlnet",
            inputs = card.Inputs.Select(i => new { name = i.Field, datatype = OipTensors.DataType(i), shape = new[] { -1 } }),
            outputs = OipTensors.Outputs(card),
            parameters = new { classes = card.Classes, task = card.Task.ToString().ToLowerInvariant() },
        });
    }

    private static async Task<IResult> ReadyAsync(string name, string? version, ServingState state, CancellationToken cancellationToken)
    {
        var (model, _) = await ResolveAsync(name, version, state, cancellationToken);
        return Results.Json(new { name, ready = model is not null });
    }

    /// <summary>
    /// Checks the tensors against the model's inputs, then answers through the same <see cref="Predictor"/> as
    /// <c>/v1</c>: the spec's checks, the kill switch and rule fallback (the <c>route</c> output says which rows
    /// the rule answered), metrics and the prediction log. No explanations: the protocol has no place for them.
    /// </summary>
    private static async Task<IResult> InferAsync(string name, string? version, HttpRequest request, ServingState state, Predictor predictor,
        ServiceMetrics metrics, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.MayActFor(name))
        {
            return Error($"this key may not call '{name}'", StatusCodes.Status403Forbidden);
        }
        if (!request.HasJsonContentType())
        {
            return Error("the request body must be JSON (Content-Type: application/json)");
        }
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
        }
        catch (JsonException e)
        {
            return Error($"the request body is not valid JSON: {e.Message.Split('.')[0]}");
        }
        using (body)
        {
            var (model, error) = await ResolveAsync(name, version, state, cancellationToken);
            if (model is null)
            {
                return error!;
            }
            var (rows, problem) = OipTensors.ReadRows(body.RootElement, model.Card);
            if (problem is not null)
            {
                return Error(problem);
            }
            var outcome = await predictor.PredictBatchAsync(name, rows!.ConvertAll(r => new PredictionRequest(null, r)), user.KeyId(),
                new PredictionChoice(model.Version, Explain: false), cancellationToken);
            metrics.Count(name, outcome);
            if (outcome.Batch is not { } answers)
            {
                return Error(outcome.Problems is { } problems
                    ? string.Join("; ", problems.Take(5).Select(p => $"{p.Key} {p.Value[0]}"))
                    : outcome.Message!, outcome.Problems is not null ? StatusCodes.Status400BadRequest : Problems.StatusOf(outcome.Failure!.Value));
            }
            var id = body.RootElement.TryGetProperty("id", out var given) && given.ValueKind == JsonValueKind.String ? given.GetString() : null;
            return Results.Json(new { model_name = name, model_version = Number(model.Version), id, outputs = OipTensors.Write(model.Card, answers) });
        }
    }

    private static string Number(string version) => version[(version.LastIndexOf("-v", StringComparison.Ordinal) + 2)..];
}
