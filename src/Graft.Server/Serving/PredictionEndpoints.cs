using System.Security.Claims;
using Graft.Server.Governance;
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
/// <item><c>POST /v1/usecases/{id}/predict</c>: one prediction, with fallback instead of failure.</item>
/// </list>
/// </summary>
public static class PredictionEndpoints
{
    public static IServiceCollection AddServing(this IServiceCollection services) =>
        services.AddSingleton<ServingState>().AddSingleton<Predictor>();

    public static IEndpointRouteBuilder MapPredictions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/usecases/{id}").RequireAuthorization(AuthenticationSetup.Predict).WithTags("Predictions");
        group.MapPost("/predict", PredictAsync).WithName("Predict");
        return routes;
    }

    private static async Task<Results<Ok<PredictionResponse>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> PredictAsync(
        string id, PredictionRequest request, Predictor predictor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.MayActFor(id))
        {
            return TypedResults.Forbid();
        }
        var outcome = await predictor.PredictAsync(id, request, cancellationToken);
        return outcome switch
        {
            { Response: { } response } => TypedResults.Ok(response),
            { Problems: { } problems } => TypedResults.ValidationProblem(problems, outcome.Message, type: "https://graft.dev/problems/invalid-inputs"),
            _ => Problems.From(outcome.Failure!.Value, outcome.Message!),
        };
    }
}
