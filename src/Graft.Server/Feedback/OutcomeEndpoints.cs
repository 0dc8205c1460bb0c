using System.Security.Claims;
using Graft.Feedback;
using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Feedback;

/// <summary>
/// <c>POST /v1/usecases/{id}/outcomes</c>: the ground truth of predictions, by prediction id or by entity with the time
/// it was observed (docs/review.md, "Outcomes"); all of a report is recorded, or none of it. For app, maintainer and admin keys.
/// </summary>
public static class OutcomeEndpoints
{
    public static IEndpointRouteBuilder MapOutcomes(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/usecases/{id}/outcomes", RecordAsync).WithTags("Feedback").RequireRole(AuthenticationSetup.Predict)
            .RequireScope(UseCaseScope.Route("id")).ProducesJsonBodyProblems().WithName("RecordOutcomes");
        return routes;
    }

    /// <summary>The outcomes of a report, each by <c>prediction_id</c> or <c>entity_id</c> (with <c>observed_at</c>), with a <c>label</c> or a <c>value</c>.</summary>
    public sealed record OutcomesRequest(List<OutcomeBody>? Outcomes);

    public sealed record OutcomeBody(string? PredictionId, string? EntityId, DateTime? ObservedAt, string? Label, double? Value);

    /// <summary>
    /// 400 for an outcome without exactly one of prediction_id and entity_id, by entity without observed_at, observed in the
    /// future or before its prediction, with a label outside the use case's classes (or none), or for a prediction of
    /// another use case; 404 for an unknown use case, an unknown prediction, or an entity without a prediction in the window.
    /// </summary>
    private static async Task<Results<Ok<OutcomeResult>, InvalidProblem, NotFoundProblem>> RecordAsync(
        string id, OutcomesRequest request, GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var reports = (request.Outcomes ?? []).ConvertAll(o => new OutcomeReport(o.PredictionId, o.EntityId,
            o.ObservedAt is { } at ? at.ToUniversalTime() : null, o.Label, o.Value));
        var (result, failure) = await ExpectedFailure.CatchAsync(new OutcomeRecorder(home).RecordAsync(id, reports, user.Actor(), cancellationToken));
        return failure?.Kind switch
        {
            null => TypedResults.Ok(result),
            FailureKind.NotFound => failure.NotFound(),
            _ => failure.Invalid(),
        };
    }
}
