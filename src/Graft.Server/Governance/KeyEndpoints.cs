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
/// Routes (admin keys only; an admin key with a use case sees, creates and revokes keys of that use case only):
/// <list type="bullet">
/// <item><c>GET /v1/keys</c>: keys, never their secrets.</item>
/// <item><c>POST /v1/keys</c>: create one; the secret is in this answer only.</item>
/// <item><c>DELETE /v1/keys/{keyId}</c>: revoke one.</item>
/// </list>
/// </summary>
public static class KeyEndpoints
{
    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/keys").RequireRole(AuthenticationSetup.Administer).WithTags("Keys");
        group.MapGet("", ListAsync).WithName("ListKeys");
        group.MapPost("", CreateAsync).ProducesJsonBodyProblems().WithName("CreateKey");
        group.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeKey");
        return routes;
    }

    public sealed record KeyRequest(string? Role, string? UseCase, DateTime? ExpiresAt, string? Name);

    public sealed record KeyView(string Id, string Role, string? UseCase, string? Name, string State, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt);

    public sealed record CreatedKeyView(string Id, string Key, string Role, string? UseCase, DateTime? ExpiresAt);

    private static async Task<Ok<KeyView[]>> ListAsync(GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok((await new KeyStore(home).ListAsync(cancellationToken)).Where(k => user.MayActFor(k.UseCaseId)).Select(k => View(k, home.Now)).ToArray());

    /// <summary>400 for a role that is not one, an expiry in the past or an app key without a use case; 404 for an unknown use case.</summary>
    private static async Task<Results<Created<CreatedKeyView>, ValidationProblem, InvalidProblem, NotFoundProblem, OutOfScopeProblem>> CreateAsync(
        KeyRequest request, GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.MayActFor(request.UseCase))
        {
            return OutOfScope(user, "create");
        }
        if (!Enum.TryParse<Role>(request.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(request.Role, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["must be admin, maintainer, reviewer, viewer or app"] });
        }
        var (created, failure) = await ExpectedFailure.CatchAsync(new KeyStore(home).CreateAsync(role, request.UseCase, request.ExpiresAt, request.Name, user.Actor(), cancellationToken));
        if (failure is not null)
        {
            return failure.Kind == FailureKind.NotFound ? failure.NotFound() : failure.Invalid();
        }
        return TypedResults.Created($"/v1/keys/{created.Key.Id}",
            new CreatedKeyView(created.Key.Id, created.Secret!, Name(created.Key.Role), created.Key.UseCaseId, created.Key.ExpiresAt));
    }

    private static async Task<Results<Ok<KeyView>, NotFoundProblem, OutOfScopeProblem>> RevokeAsync(
        string keyId, GraftHome home, KeyCache keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var store = new KeyStore(home);
        var (key, failure) = await ExpectedFailure.CatchAsync(store.GetAsync(keyId, cancellationToken));
        if (failure is not null)
        {
            return failure.NotFound();
        }
        if (!user.MayActFor(key.UseCaseId))
        {
            return OutOfScope(user, "revoke");
        }
        var revoked = await store.RevokeAsync(keyId, user.Actor(), cancellationToken);
        keys.Forget(keyId);
        return TypedResults.Ok(View(revoked, home.Now));
    }

    /// <summary>A key with a use case manages keys of that use case only: a key without one could act on every use case.</summary>
    private static OutOfScopeProblem OutOfScope(ClaimsPrincipal user, string act) => new(
        $"this key is limited to use case '{user.UseCaseScope()}'; it may {act} keys limited to that use case only");

    private static KeyView View(ApiKey k, DateTime now) => new(
        k.Id, Name(k.Role), k.UseCaseId, k.Name, k.RevokedAt is not null ? "revoked" : k.IsActive(now) ? "active" : "expired", k.CreatedAt, k.ExpiresAt, k.RevokedAt);

    private static string Name(Role role) => role.ToString().ToLowerInvariant();
}
