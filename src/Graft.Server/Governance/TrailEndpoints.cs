using System.Globalization;
using System.Security.Claims;
using Graft.Governance;
using Graft.Server.Problems;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Governance;

/// <summary>
/// Routes (docs/trail.md):
/// <list type="bullet">
/// <item><c>GET /v1/trail?usecase=&amp;since=&amp;limit=</c>: the latest entries (admin keys; one with a use case sees that use case's only).</item>
/// <item><c>GET /v1/usecases/{id}/trail?since=&amp;limit=</c>: the latest entries of one use case.</item>
/// <item><c>GET /v1/usecases/{id}/trail/at?time=</c>: what was in force then, each with the entry that set it.</item>
/// <item><c>GET /v1/trail/verification</c>: the whole trail checked against its hashes and signed checkpoints (admin keys without a use case).</item>
/// </list>
/// </summary>
public static class TrailEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static IEndpointRouteBuilder MapTrail(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("Audit trail");
        group.MapGet("/trail", ListAsync).RequireRole(AuthenticationSetup.Administer).WithName("ListTrail");
        group.MapGet("/trail/verification", VerifyAsync).RequireRole(AuthenticationSetup.Administer).RequireScope(UseCaseScope.AllUseCases)
            .WithName("VerifyTrail");
        group.MapGet("/usecases/{id}/trail", UseCaseTrailAsync).RequireRole(AuthenticationSetup.Read).RequireScope(UseCaseScope.Route("id"))
            .WithName("GetUseCaseTrail");
        group.MapGet("/usecases/{id}/trail/at", AtAsync).RequireRole(AuthenticationSetup.Read).RequireScope(UseCaseScope.Route("id"))
            .WithName("GetTrailStateAt");
        return routes;
    }

    /// <summary>
    /// 400 for a time that is not one or in the future, or a limit outside 1–10,000; 403 for a use case out of the key's scope;
    /// 404 for an unknown use case. A key with a use case sees only that use case's entries.
    /// </summary>
    private static async Task<Results<Ok<TrailEntryView[]>, InvalidProblem, OutOfScopeProblem, NotFoundProblem>> ListAsync(
        string? usecase, string? since, string? limit, GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (usecase is not null && !user.MayActFor(usecase))
        {
            return new OutOfScopeProblem($"this key is limited to use case '{user.UseCaseScope()}'; it may not read the trail of '{usecase}'");
        }
        var (entries, failure) = await ExpectedFailure.CatchAsync(EntriesAsync(usecase ?? user.UseCaseScope(), since, limit, home, cancellationToken));
        return failure is null ? TypedResults.Ok(entries) : failure.Kind == FailureKind.NotFound ? failure.NotFound() : failure.Invalid();
    }

    /// <summary>400 for a time that is not one or in the future, or a limit outside 1–10,000; 404 for an unknown use case.</summary>
    private static async Task<Results<Ok<TrailEntryView[]>, InvalidProblem, NotFoundProblem>> UseCaseTrailAsync(
        string id, string? since, string? limit, GraftHome home, CancellationToken cancellationToken)
    {
        var (entries, failure) = await ExpectedFailure.CatchAsync(EntriesAsync(id, since, limit, home, cancellationToken));
        return failure is null ? TypedResults.Ok(entries) : failure.Kind == FailureKind.NotFound ? failure.NotFound() : failure.Invalid();
    }

    /// <summary>400 without a time, or for one that is not one or in the future; 404 for an unknown use case.</summary>
    private static async Task<Results<Ok<TrailStateView>, InvalidProblem, NotFoundProblem>> AtAsync(
        string id, string? time, GraftHome home, CancellationToken cancellationToken)
    {
        var (state, failure) = await ExpectedFailure.CatchAsync(StateAtAsync(id, time, home, cancellationToken));
        return failure is null ? TypedResults.Ok(state) : failure.Kind == FailureKind.NotFound ? failure.NotFound() : failure.Invalid();
    }

    /// <summary>200 whether or not the trail verifies: <c>ok</c> says, and <c>first_bad</c> and <c>problem</c> say where and what.</summary>
    private static async Task<Ok<TrailVerification>> VerifyAsync(GraftHome home, CancellationToken cancellationToken) =>
        TypedResults.Ok(await new TrailVerifier(home).VerifyAsync(null, cancellationToken));

    private static async Task<TrailEntryView[]> EntriesAsync(string? useCase, string? since, string? limit, GraftHome home, CancellationToken cancellationToken) =>
        [.. (await new TrailReader(home).ListAsync(Filter(useCase, since, limit, home.Now), cancellationToken)).Select(TrailEntryView.Of)];

    private static async Task<TrailStateView> StateAtAsync(string id, string? time, GraftHome home, CancellationToken cancellationToken) =>
        TrailStateView.Of(await new TrailReader(home).AtAsync(id, TrailTime.Parse(time, "time", home.Now), cancellationToken));

    private static TrailFilter Filter(string? useCase, string? since, string? limit, DateTime now)
    {
        var latest = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out latest) || latest is < 1 or > MaxLimit))
        {
            throw GraftException.Invalid($"limit is how many of the latest entries to return, 1 to {MaxLimit:N0}; got '{limit}'");
        }
        return new TrailFilter(useCase, since is null ? null : TrailTime.Parse(since, "since", now), latest);
    }
}
