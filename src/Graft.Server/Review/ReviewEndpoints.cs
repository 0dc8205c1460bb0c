using System.Security.Claims;
using Graft.Governance;
using Graft.Review;
using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Review;

/// <summary>
/// The review queue (docs/review.md), for reviewer, maintainer and admin keys; a key limited to a use case sees and
/// decides only that use case's items (403 out of scope for another's):
/// <list type="bullet">
/// <item><c>GET /v1/review/items</c>: items, filtered by use case, state, age, why they were selected and assignee.</item>
/// <item><c>GET /v1/review/items/{id}</c>: one item with the answer's explanation and warnings and the masked inputs.</item>
/// <item><c>POST /v1/review/items/{id}/claim</c>: a lease on a slot, with its fencing token.</item>
/// <item><c>POST /v1/review/items/{id}/release</c>: give the claim back.</item>
/// <item><c>POST /v1/review/items/{id}/decisions</c>: accept, override or escalate under the claim; or correct a decision.</item>
/// </list>
/// </summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/review/items").WithTags("Review");
        group.MapGet("", ListAsync).RequireRole(AuthenticationSetup.Review).WithName("ListReviewItems");
        group.MapGet("/{itemId}", ShowAsync).RequireRole(AuthenticationSetup.Review).WithName("GetReviewItem");
        group.MapPost("/{itemId}/claim", ClaimAsync).RequireRole(AuthenticationSetup.Review).WithName("ClaimReviewItem");
        group.MapPost("/{itemId}/release", ReleaseAsync).RequireRole(AuthenticationSetup.Review).ProducesJsonBodyProblems().WithName("ReleaseReviewItem");
        group.MapPost("/{itemId}/decisions", DecideAsync).RequireRole(AuthenticationSetup.Review).ProducesJsonBodyProblems().WithName("DecideReviewItem");
        routes.MapGet("/v1/usecases/{id}/quality", QualityAsync).WithTags("Review").RequireRole(AuthenticationSetup.Read).RequireScope(UseCaseScope.Route("id")).WithName("GetQuality");
        return routes;
    }

    /// <summary>The items: <c>{"items": [...]}</c>.</summary>
    public sealed record ReviewItemList(IReadOnlyList<ReviewItemView> Items);

    /// <summary>A release: the token of the claim given back.</summary>
    public sealed record ReleaseRequest(long? Token);

    /// <summary>A decision (see <see cref="DecisionRequest"/>): <c>decision</c> is accept, override or escalate.</summary>
    public sealed record DecisionBody(string? Decision, long? Token, string? Label, double? Value, string? Reason, string? Note, string? EscalateTo, string? Corrects);

    /// <summary>400 for an unknown state or an age that is not a duration (<c>30m</c>, <c>2h</c>, <c>1d</c>); 403 for another use case than the key's.</summary>
    private static async Task<Results<Ok<ReviewItemList>, InvalidProblem, OutOfScopeProblem>> ListAsync(GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken,
        string? usecase = null, string? state = null, [FromQuery(Name = "older_than")] string? olderThan = null, [FromQuery(Name = "selected_by")] string? selectedBy = null,
        string? assignee = null, int limit = 100)
    {
        var scope = user.UseCaseScope();
        if (usecase is not null && !user.MayActFor(usecase))
        {
            return new OutOfScopeProblem($"this key is limited to use case '{scope}'; it may not see the review items of '{usecase}'");
        }
        TimeSpan? age = null;
        if (olderThan is not null && (age = RetentionPolicy.ParseDuration(olderThan)) is null)
        {
            return new InvalidProblem($"older_than '{olderThan}' is not a duration: write minutes as 30m, hours as 2h or days as 1d");
        }
        var filter = new ReviewFilter(usecase ?? scope, state, age, selectedBy, assignee, limit);
        var (items, failure) = await ExpectedFailure.CatchAsync(new ReviewQueue(home).ListAsync(filter, cancellationToken));
        return failure is null ? TypedResults.Ok(new ReviewItemList(items)) : failure.Invalid();
    }

    /// <summary>404 for an unknown item; 403 for an item of another use case than the key's.</summary>
    private static async Task<Results<Ok<ReviewItemDetail>, NotFoundProblem, OutOfScopeProblem>> ShowAsync(string itemId, GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(home, itemId, user, cancellationToken) is { } refused)
        {
            return refused.NotFound is { } missing ? missing : refused.OutOfScope!;
        }
        var (detail, failure) = await ExpectedFailure.CatchAsync(new ReviewQueue(home).ShowAsync(itemId, user.Actor(), cancellationToken));
        return failure is null ? TypedResults.Ok(detail) : failure.NotFound();
    }

    /// <summary>
    /// 403 for an item of another use case, or an escalated item claimed by a role it was not escalated to; 404 for an unknown
    /// item; 409 when every slot is claimed or decided, the item is closed or expired, or this reviewer already decided it.
    /// </summary>
    private static async Task<Results<Ok<ReviewClaimView>, NotFoundProblem, OutOfScopeProblem, ForbiddenProblem, ConflictProblem>> ClaimAsync(
        string itemId, GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(home, itemId, user, cancellationToken) is { } refused)
        {
            return refused.NotFound is { } missing ? missing : refused.OutOfScope!;
        }
        var (claim, failure) = await ExpectedFailure.CatchAsync(new ReviewQueue(home).ClaimAsync(itemId, user.Actor(), cancellationToken));
        return failure?.Kind switch
        {
            null => TypedResults.Ok(claim),
            FailureKind.NotFound => failure.NotFound(),
            FailureKind.Forbidden => failure.Forbidden(),
            _ => failure.Conflict(),
        };
    }

    /// <summary>400 without a token; 403 out of scope; 404 for an unknown item; 409 when the claim is not this key's, was released or ran out.</summary>
    private static async Task<Results<NoContent, InvalidProblem, NotFoundProblem, OutOfScopeProblem, ConflictProblem>> ReleaseAsync(
        string itemId, ReleaseRequest request, GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(home, itemId, user, cancellationToken) is { } refused)
        {
            return refused.NotFound is { } missing ? missing : refused.OutOfScope!;
        }
        if (request.Token is not { } token)
        {
            return new InvalidProblem("a release names the token of the claim it gives back");
        }
        var failure = await ExpectedFailure.CatchAsync(new ReviewQueue(home).ReleaseAsync(itemId, token, user.Actor(), cancellationToken));
        return failure?.Kind switch
        {
            null => TypedResults.NoContent(),
            FailureKind.NotFound => failure.NotFound(),
            _ => failure.Conflict(),
        };
    }

    /// <summary>
    /// 400 for a decision that is not one, an override without a reason code from the spec's list or with a label outside
    /// the classes, an escalation without a role or a reason, or no token; 403 out of scope; 404 for an unknown item or
    /// corrected decision; 409 for an item already decided, not claimed by this key, claimed again since (the token was
    /// superseded), or whose lease ran out.
    /// </summary>
    private static async Task<Results<Ok<ReviewDecisionView>, InvalidProblem, NotFoundProblem, OutOfScopeProblem, ConflictProblem>> DecideAsync(
        string itemId, DecisionBody body, GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(home, itemId, user, cancellationToken) is { } refused)
        {
            return refused.NotFound is { } missing ? missing : refused.OutOfScope!;
        }
        var request = new DecisionRequest(body.Decision ?? "", body.Token, body.Label, body.Value, body.Reason, body.Note, body.EscalateTo, body.Corrects);
        var (decision, failure) = await ExpectedFailure.CatchAsync(new ReviewQueue(home).DecideAsync(itemId, request, user.Actor(), cancellationToken));
        return failure?.Kind switch
        {
            null => TypedResults.Ok(decision),
            FailureKind.Invalid => failure.Invalid(),
            FailureKind.NotFound => failure.NotFound(),
            _ => failure.Conflict(),
        };
    }

    /// <summary>400 for a window that is not a duration; 404 for an unknown use case.</summary>
    private static async Task<Results<Ok<ReviewStats>, InvalidProblem, NotFoundProblem>> QualityAsync(string id, GraftHome home, CancellationToken cancellationToken, string? window = null)
    {
        TimeSpan? span = null;
        if (window is not null && (span = RetentionPolicy.ParseDuration(window)) is null)
        {
            return new InvalidProblem($"window '{window}' is not a duration: write minutes as 30m, hours as 2h or days as 7d");
        }
        var (stats, failure) = await ExpectedFailure.CatchAsync(ReviewStats.ReadAsync(home, id, span, cancellationToken));
        return failure is null ? TypedResults.Ok(stats) : failure.NotFound();
    }

    private sealed record Refusal(NotFoundProblem? NotFound, OutOfScopeProblem? OutOfScope);

    /// <summary>An unknown item, or one of a use case outside the key's scope; null when the key may act on it.</summary>
    private static async Task<Refusal?> RefusedAsync(GraftHome home, string itemId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (useCase, failure) = await ExpectedFailure.CatchAsync(new ReviewQueue(home).UseCaseOfAsync(itemId, cancellationToken));
        if (failure is not null)
        {
            return new Refusal(failure.NotFound(), null);
        }
        return user.MayActFor(useCase) ? null
            : new Refusal(null, new OutOfScopeProblem($"this key is limited to use case '{user.UseCaseScope()}'; review item {itemId} is of '{useCase}'"));
    }
}
