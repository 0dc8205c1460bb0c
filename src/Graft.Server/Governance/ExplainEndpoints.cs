using Graft.Governance;
using Graft.Server.Problems;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Governance;

/// <summary>
/// <c>GET /v1/usecases/{id}/predictions/{predictionId}</c>: one answer's record, as <c>graft explain</c> shows it: the
/// model version that decided, in which stage, cohort and route, its masked inputs and output, and what was in force.
/// </summary>
public static class ExplainEndpoints
{
    public static IEndpointRouteBuilder MapExplain(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1").WithTags("Governance")
            .MapGet("/usecases/{id}/predictions/{predictionId}", ExplainAsync).RequireRole(AuthenticationSetup.Read).RequireScope(UseCaseScope.Route("id"))
            .WithName("ExplainPrediction");
        return routes;
    }

    /// <summary>400 for what is not a prediction id; 404 for an unknown use case or a prediction its log does not hold.</summary>
    private static async Task<Results<Ok<DecisionRecord>, InvalidProblem, NotFoundProblem>> ExplainAsync(
        string id, string predictionId, GraftHome home, CancellationToken cancellationToken)
    {
        var (record, failure) = await ExpectedFailure.CatchAsync(DecisionRecord.FindAsync(home, predictionId, id, cancellationToken));
        return failure switch
        {
            null => TypedResults.Ok(record),
            { Kind: FailureKind.NotFound } => failure.NotFound(),
            _ => failure.Invalid(),
        };
    }
}
