using System.Security.Claims;
using System.Text.Encodings.Web;
using Graft.Governance;
using Graft.Server.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Graft.Server.Governance;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against the stored key hashes; the key's role and use case
/// become claims (<see cref="UseCaseScope"/> holds a key with a use case to it). Unknown, revoked and expired keys are
/// all simply "not authenticated" (401).
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyCache keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string UseCaseClaim = "graft:usecase";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 512)
        {
            return AuthenticateResult.Fail("malformed key");
        }
        var key = await keys.VerifyAsync(secret, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("unknown, revoked or expired key");
        }
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, key.Id), new(ClaimTypes.Role, key.Role.ToString().ToLowerInvariant())];
        if (key.UseCaseId is not null)
        {
            claims.Add(new Claim(UseCaseClaim, key.UseCaseId));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }
}

public static class AuthenticationSetup
{
    public const string Predict = "predict";
    public const string Read = "read";
    public const string Maintain = "maintain";
    public const string Administer = "administer";
    public const string Review = "review";

    public static IServiceCollection AddGraftAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<KeyCache>();
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Predict, p => p.RequireRole("admin", "maintainer", "app"))
            .AddPolicy(Read, p => p.RequireRole("admin", "maintainer", "reviewer", "viewer"))
            .AddPolicy(Maintain, p => p.RequireRole("admin", "maintainer"))
            .AddPolicy(Administer, p => p.RequireRole("admin"))
            .AddPolicy(Review, p => p.RequireRole("admin", "maintainer", "reviewer"));
        return services;
    }

    public static string? KeyId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>Who the calling key is, as the audit trail records its acts.</summary>
    public static Actor Actor(this ClaimsPrincipal user) =>
        Graft.Governance.Actor.Key(user.KeyId() ?? "unknown", user.FindFirstValue(ClaimTypes.Role) ?? "unknown");

    /// <summary>The use case this key is limited to, or null for a key that may act on every use case its role allows.</summary>
    public static string? UseCaseScope(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthentication.UseCaseClaim);

    /// <summary>
    /// Whether this key may see or act on something of <paramref name="useCaseId"/>; null is something of every use case (a
    /// key without one), which only keys without a use case may touch.
    /// </summary>
    public static bool MayActFor(this ClaimsPrincipal user, string? useCaseId) => user.UseCaseScope() is not { } limited || limited == useCaseId;

    /// <summary>
    /// Needs a key whose role <paramref name="policy"/> allows: 401 without a valid key, 403 with a key of another role,
    /// and, as on every route, 429 over the key's rate (see <see cref="RateLimits"/>).
    /// </summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);

    /// <summary>Needs a key of any role: 401 without a valid one, 429 over its rate.</summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);

    /// <summary>Open without a key (the probes), and limited as every route is: 429 over the caller's rate.</summary>
    public static TBuilder AllowWithoutKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().ProducesProblems(StatusCodes.Status429TooManyRequests);

    /// <summary>Holds a key limited to one use case to it on this route or group (see <see cref="Governance.UseCaseScope"/>): 403 out of scope.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, UseCaseScope scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(scope).Produces(StatusCodes.Status403Forbidden, scope.RefusalBody, scope.RefusalContentType);
}
