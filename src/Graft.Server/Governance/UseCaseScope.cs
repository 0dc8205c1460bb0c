using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Governance;

/// <summary>
/// How a route names the use case it touches, so that a key limited to one use case (the <c>graft:usecase</c> claim, any
/// role) acts on that one only. <see cref="EnforceAsync"/> checks it after the role and before the handler runs: before a
/// body is read, a model loaded or a job queued. Out of scope is a 403 whose detail names the key's use case. Routes that
/// list (use cases, keys) have no scope here: their handlers show only what the key may see (see
/// <see cref="AuthenticationSetup.MayActFor"/>).
/// </summary>
public sealed class UseCaseScope
{
    public const string OutOfScopeType = "https://graft.dev/problems/out-of-scope";

    // The detail of the refusal when the request is out of the key's scope (given as the second argument), else null.
    private readonly Func<HttpContext, string, ValueTask<string?>> _outOfScope;
    private readonly Func<string, IResult> _refuse;

    private UseCaseScope(Func<HttpContext, string, ValueTask<string?>> outOfScope, Func<string, IResult>? refuse)
    {
        _outOfScope = outOfScope;
        _refuse = refuse ?? Refusal;
    }

    /// <summary>
    /// The route parameter is the use case's id (<c>{id}</c>, the protocol's <c>{name}</c>): a claim comparison, no store
    /// read, which keeps predict's path lean. <paramref name="refuse"/> writes the refusal where a protocol has its own error body.
    /// </summary>
    public static UseCaseScope Route(string parameter, Func<string, IResult>? refuse = null) => new(
        (context, scope) => ValueTask.FromResult(context.GetRouteValue(parameter) is string id && id == scope
            ? null : $"this key is limited to use case '{scope}'; it may not act on '{context.GetRouteValue(parameter)}'"),
        refuse);

    /// <summary>
    /// The route parameter names something of one use case (a model version, a job), whose use case
    /// <paramref name="useCaseOf"/> reads from the store. One that does not exist is left to the handler, which answers 404.
    /// </summary>
    public static UseCaseScope Lookup(string parameter, string noun, Func<string, HttpContext, Task<string?>> useCaseOf) => new(
        async (context, scope) => context.GetRouteValue(parameter) is string value && await useCaseOf(value, context) is { } useCase && useCase != scope
            ? $"this key is limited to use case '{scope}'; {noun} '{value}' is of another"
            : null,
        null);

    /// <summary>The route spans every use case and cannot be narrowed to one (<c>/metrics</c>): keys without a use case only.</summary>
    public static readonly UseCaseScope AllUseCases = new(
        (_, scope) => ValueTask.FromResult<string?>($"this key is limited to use case '{scope}'; this route spans every use case, so it needs a key without one"),
        null);

    /// <summary>The 403 for a request out of the key's scope, as ProblemDetails with a stable type.</summary>
    public static ProblemHttpResult Refusal(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "out of this key's scope", type: OutOfScopeType);

    /// <summary>Refuses a request of a key with a use case when its route touches another; keys without one pass at no cost.</summary>
    public static async Task EnforceAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.UseCaseScope() is { } scope
            && context.GetEndpoint()?.Metadata.GetMetadata<UseCaseScope>() is { } route
            && await route._outOfScope(context, scope) is { } detail)
        {
            await route._refuse(detail).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
