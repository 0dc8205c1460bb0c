using System.Security.Claims;
using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Graft.Server.Serving;

/// <summary>
/// Routes:
/// <list type="bullet">
/// <item><c>POST /v1/usecases/{id}/predict</c>: one prediction, or a batch of up to 1,000 rows, with fallback instead of failure.</item>
/// </list>
/// </summary>
public static class PredictionEndpoints
{
    public static IServiceCollection AddServing(this IServiceCollection services, PredictionLogOptions log) =>
        services.AddSingleton<ServingState>().AddSingleton<Predictor>()
            .AddSingleton(log).AddSingleton<PredictionLog>().AddHostedService<PredictionLogWriter>()
            .AddSingleton(new Graft.Serving.Challengers.ChallengerSamples()).AddSingleton<Graft.Serving.Challengers.ChallengerScorer>().AddHostedService<ChallengerScoring>()
            .AddSingleton<Monitoring.ServiceMetrics>();

    public static IEndpointRouteBuilder MapPredictions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/usecases/{id}").RequireRole(AuthenticationSetup.Predict).RequireScope(UseCaseScope.Route("id")).WithTags("Predictions");
        group.MapPost("/predict", PredictAsync).ProducesJsonBodyProblems().WithName("Predict");
        return routes;
    }

    private static async Task<Results<Ok<PredictionResponse>, Ok<BatchPredictionResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> PredictAsync(
        string id, PredictionRequest request, Predictor predictor, Monitoring.ServiceMetrics metrics, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Rows is { } rows)
        {
            return await BatchAsync(id, rows, predictor, metrics, user.KeyId(), cancellationToken);
        }
        var outcome = await predictor.PredictAsync(id, request, user.KeyId(), cancellationToken);
        metrics.Count(id, outcome);
        return outcome switch
        {
            { Response: { } response } => TypedResults.Ok(response),
            { Problems: { } problems } => TypedResults.ValidationProblem(problems, outcome.Message, type: "https://graft.dev/problems/invalid-inputs"),
            _ => Refused(outcome),
        };
    }

    /// <summary>Checks every row, then scores them; a bad row rejects the whole batch, naming it by index.</summary>
    private static async Task<Results<Ok<PredictionResponse>, Ok<BatchPredictionResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> BatchAsync(
        string id, List<PredictionRequest> rows, Predictor predictor, Monitoring.ServiceMetrics metrics, string? keyId, CancellationToken cancellationToken)
    {
        if (rows.Count is 0 or > PredictionRequest.MaxBatchRows)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["rows"] = [$"must hold 1 to {PredictionRequest.MaxBatchRows:N0} rows; it holds {rows.Count:N0}"] },
                "the batch is not valid", type: "https://graft.dev/problems/invalid-inputs");
        }
        if (rows.Any(r => r is null || r.Rows is not null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rows"] = ["each row is an object with entity_id and inputs; batches do not nest"] },
                "the batch is not valid", type: "https://graft.dev/problems/invalid-inputs");
        }
        var outcome = await predictor.PredictBatchAsync(id, rows, keyId, cancellationToken);
        metrics.Count(id, outcome);
        if (outcome.Batch is { } answers)
        {
            return TypedResults.Ok(new BatchPredictionResponse(answers));
        }
        return outcome.Problems is { } problems
            ? TypedResults.ValidationProblem(problems, "the batch is not valid", type: "https://graft.dev/problems/invalid-inputs")
            : Refused(outcome);
    }

    /// <summary>A prediction the <see cref="Predictor"/> could not give: an unknown use case, or a model that cannot answer and no rule to fall back on.</summary>
    private static Results<Ok<PredictionResponse>, Ok<BatchPredictionResponse>, ValidationProblem, NotFoundProblem, ConflictProblem> Refused(PredictionOutcome outcome) =>
        outcome.Failure == FailureKind.NotFound ? new NotFoundProblem(outcome.Message!) : new ConflictProblem(outcome.Message!);
}
