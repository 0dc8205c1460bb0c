using System.Security.Claims;
using Graft.Rollout;
using Graft.Rollout.Challengers;
using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Serving;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Rollout;

/// <summary>
/// Routes (docs/rollout.md, "Champion and challenger"):
/// <list type="bullet">
/// <item><c>PUT /v1/usecases/{id}/challenger</c>: set the challenger (version, mode, percent), with a reason.</item>
/// <item><c>DELETE /v1/usecases/{id}/challenger</c>: clear it, with a reason.</item>
/// <item><c>GET /v1/usecases/{id}/challenger/report</c>: the champion and the challenger side by side over the same requests.</item>
/// <item><c>POST /v1/usecases/{id}/challenger/promote</c>: make it the champion, gated.</item>
/// </list>
/// Every change is an act in the audit trail, by the calling key; serving processes see it within a second.
/// </summary>
public static class ChallengerEndpoints
{
    public static IEndpointRouteBuilder MapChallenger(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/usecases/{id}/challenger").WithTags("Rollout").RequireScope(UseCaseScope.Route("id"));
        group.MapPut("", SetAsync).RequireRole(AuthenticationSetup.Maintain).ProducesJsonBodyProblems().WithName("SetChallenger");
        group.MapDelete("", ClearAsync).RequireRole(AuthenticationSetup.Maintain).ProducesJsonBodyProblems().WithName("ClearChallenger");
        group.MapGet("/report", ReportAsync).RequireRole(AuthenticationSetup.Read).WithName("GetChallengerReport");
        group.MapPost("/promote", PromoteAsync).RequireRole(AuthenticationSetup.Maintain).ProducesJsonBodyProblems().WithName("PromoteChallenger");
        return routes;
    }

    /// <summary>A challenger: the version, <c>shadow</c> or <c>canary</c>, its share of requests (1–100), and why.</summary>
    public sealed record ChallengerRequest(string? Version, string? Mode, int? Percent, string? Reason);

    /// <summary>Why, and whether an admin overrides a gate that does not pass.</summary>
    public sealed record PromoteRequest(string? Reason, bool OverrideGates = false);

    /// <summary>
    /// 400 for no version, a mode that is not one, a share outside 1–100, no reason, or a version of another use case;
    /// 404 for an unknown use case or version; 409 for the champion itself, a use case without a champion, or a version that cannot be loaded.
    /// </summary>
    private static async Task<Results<Ok<ChallengerChangeView>, InvalidProblem, NotFoundProblem, ConflictProblem>> SetAsync(
        string id, ChallengerRequest request, GraftHome home, ServingState serving, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Version) || request.Percent is not { } percent)
        {
            return new InvalidProblem("a challenger needs a version and a percent (1 to 100)");
        }
        if (!ChallengerModes.TryParse(request.Mode, out var mode))
        {
            return new InvalidProblem($"'{request.Mode}' is not a challenger mode; it is shadow or canary");
        }
        var change = new ChallengerChange(request.Version, mode, percent, request.Reason ?? "");
        var (result, failure) = await ExpectedFailure.CatchAsync(
            new ChallengerControl(home).SetAsync(id, change, user.Actor(), serving.ModelAsync, cancellationToken));
        return failure switch
        {
            null => Changed(id, serving, result),
            { Kind: FailureKind.Invalid } => failure.Invalid(),
            { Kind: FailureKind.NotFound } => failure.NotFound(),
            _ => failure.Conflict(),
        };
    }

    /// <summary>400 without a reason; 404 for an unknown use case. Clearing when there is none is recorded all the same.</summary>
    private static async Task<Results<Ok<ChallengerChangeView>, InvalidProblem, NotFoundProblem>> ClearAsync(
        string id, [FromBody] RolloutEndpoints.ReasonRequest? request, GraftHome home, ServingState serving, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (result, failure) = await ExpectedFailure.CatchAsync(
            new ChallengerControl(home).ClearAsync(id, request?.Reason ?? "", user.Actor(), cancellationToken));
        return failure switch
        {
            null => Changed(id, serving, result),
            { Kind: FailureKind.NotFound } => failure.NotFound(),
            _ => failure.Invalid(),
        };
    }

    /// <summary>404 for an unknown use case, or one without a challenger.</summary>
    private static async Task<Results<Ok<ChallengerReport>, NotFoundProblem>> ReportAsync(string id, GraftHome home, CancellationToken cancellationToken)
    {
        var (report, failure) = await ExpectedFailure.CatchAsync(new ChallengerControl(home).ReportAsync(id, cancellationToken));
        return failure is null ? TypedResults.Ok(report) : failure.NotFound();
    }

    /// <summary>
    /// 400 without a reason; 403 for an override by a key that is not an admin's; 404 for an unknown use case; 409 without
    /// a challenger, when its gate does not pass (type <c>blocked</c>), or when it cannot be loaded.
    /// </summary>
    private static async Task<Results<Ok<ChallengerPromotion>, InvalidProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem>> PromoteAsync(
        string id, PromoteRequest request, GraftHome home, ServingState serving, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (result, failure) = await ExpectedFailure.CatchAsync(new ChallengerControl(home).PromoteAsync(
            id, request.Reason ?? "", request.OverrideGates, user.Actor(), serving.ModelAsync, cancellationToken));
        if (failure is null)
        {
            serving.Invalidate(id);
            return TypedResults.Ok(result);
        }
        return failure.Kind switch
        {
            FailureKind.Invalid => failure.Invalid(),
            FailureKind.Forbidden => failure.Forbidden(),
            FailureKind.NotFound => failure.NotFound(),
            _ => failure.Conflict(),
        };
    }

    private static Ok<ChallengerChangeView> Changed(string id, ServingState serving, RolloutChange change)
    {
        serving.Invalidate(id); // this process answers by the new challenger at once; the others within a second
        return TypedResults.Ok(ChallengerChangeView.Of(change));
    }
}
