using Graft.Server.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
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
    // The detail of the refusal when the request is out of the key's scope (given as the second argument), else null.
    private readonly Func<HttpContext, string, ValueTask<string?>> _outOfScope;
    private readonly Func<string, IResult> _refuse;

    private UseCaseScope(Func<HttpContext, string, ValueTask<string?>> outOfScope, Func<string, IResult>? refuse = null, Type? body = null)
    {
        _outOfScope = outOfScope;
        _refuse = refuse ?? (detail => new OutOfScopeProblem(detail));
        RefusalBody = body ?? typeof(ProblemDetails);
        RefusalContentType = body is null ? ProblemResult.ContentType : "application/json";
    }

    /// <summary>The body of the 403 and its content type, for the OpenAPI document.</summary>
    public Type RefusalBody { get; }

    public string RefusalContentType { get; }

    /// <summary>
    /// The route parameter is the use case's id (<c>{id}</c>, the protocol's <c>{name}</c>): a claim comparison, no store
    /// read, which keeps predict's path lean.
    /// </summary>
    public static UseCaseScope Route(string parameter) => new(
        (context, scope) => ValueTask.FromResult(context.GetRouteValue(parameter) is string id && id == scope
            ? null : $"this key is limited to use case '{scope}'; it may not act on '{context.GetRouteValue(parameter)}'"));

    /// <summary>
    /// The route parameter names something of one use case (a model version, a job), whose use case
    /// <paramref name="useCaseOf"/> reads from the store. One that does not exist is left to the handler, which answers 404.
    /// </summary>
    public static UseCaseScope Lookup(string parameter, string noun, Func<string, HttpContext, Task<string?>> useCaseOf) => new(
        async (context, scope) => context.GetRouteValue(parameter) is string value && await useCaseOf(value, context) is { } useCase && useCase != scope
            ? $"this key is limited to use case '{scope}'; {noun} '{value}' is of another"
            : null);

    /// <summary>The route spans every use case and cannot be narrowed to one (<c>/metrics</c>): keys without a use case only.</summary>
    public static readonly UseCaseScope AllUseCases = new(
        (_, scope) => ValueTask.FromResult<string?>($"this key is limited to use case '{scope}'; this route spans every use case, so it needs a key without one"));

    /// <summary>The same scope, refused in the JSON error body of a protocol that has its own (the Open Inference Protocol's).</summary>
    public UseCaseScope RefusedWith<TBody>(Func<string, IResult> refuse) => new(_outOfScope, refuse, typeof(TBody));

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
