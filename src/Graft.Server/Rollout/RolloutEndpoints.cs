using System.Security.Claims;
using Graft.Rollout;
using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Serving;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Rollout;

/// <summary>
/// Routes (docs/rollout.md):
/// <list type="bullet">
/// <item><c>GET /v1/usecases/{id}/status</c>: the rollout, every gate with its evidence, and the readiness scorecard.</item>
/// <item><c>PUT /v1/usecases/{id}/stage</c>: move to a stage (and cohort), with a reason; gated.</item>
/// <item><c>POST /v1/usecases/{id}/kill</c> and <c>/revive</c>: the kill switch, with a reason.</item>
/// </list>
/// Every change is an act in the audit trail, by the calling key; serving processes see it within a second.
/// </summary>
public static class RolloutEndpoints
{
    public static IEndpointRouteBuilder MapRollout(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/usecases/{id}").WithTags("Rollout");
        group.MapGet("/status", StatusAsync).RequireRole(AuthenticationSetup.Read).RequireScope(UseCaseScope.Route("id")).WithName("GetStatus");
        group.MapPut("/stage", StageAsync).RequireRole(AuthenticationSetup.Maintain).RequireScope(UseCaseScope.Route("id"))
            .ProducesJsonBodyProblems().WithName("ChangeStage");
        group.MapPost("/kill", KillAsync).RequireRole(AuthenticationSetup.Maintain).RequireScope(UseCaseScope.Route("id"))
            .ProducesJsonBodyProblems().WithName("Kill");
        group.MapPost("/revive", ReviveAsync).RequireRole(AuthenticationSetup.Maintain).RequireScope(UseCaseScope.Route("id"))
            .ProducesJsonBodyProblems().WithName("Revive");
        return routes;
    }

    /// <summary>A move: the stage word, the cohort (0–100; absent keeps it), why, and whether an admin overrides failing gates.</summary>
    public sealed record StageRequest(string? Stage, int? CohortPercent, string? Reason, bool OverrideGates = false);

    public sealed record ReasonRequest(string? Reason);

    private static async Task<Results<Ok<RolloutView>, NotFoundProblem>> StatusAsync(string id, GraftHome home, CancellationToken cancellationToken)
    {
        var (status, failure) = await ExpectedFailure.CatchAsync(new RolloutControl(home).StatusAsync(id, cancellationToken));
        return failure is null ? TypedResults.Ok(RolloutView.Of(status)) : failure.NotFound();
    }

    /// <summary>
    /// 400 for a stage that is not one or a cohort outside 0–100 or no reason; 403 for an override by a key that is not an
    /// admin's; 404 for an unknown use case; 409 for a skipped stage, a killed use case, or a gate that does not pass.
    /// </summary>
    private static async Task<Results<Ok<RolloutChangeView>, InvalidProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem>> StageAsync(
        string id, StageRequest request, GraftHome home, ServingState serving, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!Stages.TryParse(request.Stage, out var stage))
        {
            return new InvalidProblem($"'{request.Stage}' is not a stage; a stage is off, shadow, assist or auto");
        }
        var change = new StageChange(stage, request.CohortPercent, request.Reason ?? "", request.OverrideGates);
        return Answer(id, serving, await ExpectedFailure.CatchAsync(new RolloutControl(home).ChangeStageAsync(id, change, user.Actor(), cancellationToken)));
    }

    /// <summary>400 without a reason; 404 for an unknown use case. Killing a killed use case keeps it killed, with the new reason.</summary>
    private static async Task<Results<Ok<RolloutChangeView>, InvalidProblem, NotFoundProblem>> KillAsync(
        string id, ReasonRequest? request, GraftHome home, ServingState serving, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Switch(id, serving, await ExpectedFailure.CatchAsync(new RolloutControl(home).KillAsync(id, request?.Reason ?? "", user.Actor(), cancellationToken)));

    /// <summary>400 without a reason; 404 for an unknown use case.</summary>
    private static async Task<Results<Ok<RolloutChangeView>, InvalidProblem, NotFoundProblem>> ReviveAsync(
        string id, ReasonRequest? request, GraftHome home, ServingState serving, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Switch(id, serving, await ExpectedFailure.CatchAsync(new RolloutControl(home).ReviveAsync(id, request?.Reason ?? "", user.Actor(), cancellationToken)));

    private static Results<Ok<RolloutChangeView>, InvalidProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem> Answer(
        string id, ServingState serving, (RolloutChange Change, ExpectedFailure? Failure) outcome) => outcome.Failure switch
        {
            null => Changed(id, serving, outcome.Change),
            { Kind: FailureKind.Invalid } failure => failure.Invalid(),
            { Kind: FailureKind.Forbidden } failure => failure.Forbidden(),
            { Kind: FailureKind.NotFound } failure => failure.NotFound(),
            var failure => failure.Conflict(),
        };

    private static Results<Ok<RolloutChangeView>, InvalidProblem, NotFoundProblem> Switch(
        string id, ServingState serving, (RolloutChange Change, ExpectedFailure? Failure) outcome) => outcome.Failure switch
        {
            null => Changed(id, serving, outcome.Change),
            { Kind: FailureKind.NotFound } failure => failure.NotFound(),
            var failure => failure.Invalid(),
        };

    private static Ok<RolloutChangeView> Changed(string id, ServingState serving, RolloutChange change)
    {
        serving.Invalidate(id); // this process answers by the new state at once; the others within a second
        return TypedResults.Ok(RolloutChangeView.Of(change));
    }
}
