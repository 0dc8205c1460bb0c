using System.Security.Claims;
using System.Text;
using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.UseCases;

/// <summary>
/// Routes:
/// <list type="bullet">
/// <item><c>GET /v1/usecases</c>, <c>GET /v1/usecases/{id}</c>: use cases, with the current spec (a key with a use case sees that one).</item>
/// <item><c>PUT /v1/usecases/{id}/spec</c>: apply a spec (YAML body); a changed spec becomes a new revision.</item>
/// </list>
/// </summary>
public static class UseCaseEndpoints
{
    public const int MaxSpecBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapUseCases(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/usecases").WithTags("Use cases");
        group.MapGet("", ListAsync).RequireRole(AuthenticationSetup.Read).WithName("ListUseCases");
        group.MapGet("/{id}", GetAsync).RequireRole(AuthenticationSetup.Read).RequireScope(UseCaseScope.Route("id")).WithName("GetUseCase");
        // No Accepts<> metadata: routing would answer a wrong content type with 415 before checking the key.
        group.MapPut("/{id}/spec", ApplyAsync).RequireRole(AuthenticationSetup.Maintain).RequireScope(UseCaseScope.Route("id")).WithName("ApplySpec");
        return routes;
    }

    public sealed record UseCaseView(string Id, string Title, string Task, int Revision, string? Champion, string Spec);

    private static async Task<Ok<UseCaseView[]>> ListAsync(GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var catalog = new UseCaseCatalog(home);
        var views = new List<UseCaseView>();
        foreach (var useCase in (await catalog.ListAsync(cancellationToken)).Where(u => user.MayActFor(u.Id)))
        {
            views.Add(View(await catalog.GetAsync(useCase.Id, cancellationToken)));
        }
        return TypedResults.Ok(views.ToArray());
    }

    private static async Task<Results<Ok<UseCaseView>, NotFoundProblem>> GetAsync(string id, GraftHome home, CancellationToken cancellationToken)
    {
        var (found, failure) = await ExpectedFailure.CatchAsync(new UseCaseCatalog(home).GetAsync(id, cancellationToken));
        return failure is null ? TypedResults.Ok(View(found)) : failure.NotFound();
    }

    /// <summary>400 for a spec that is not valid or names another id than the path.</summary>
    private static async Task<Results<Ok<ApplyResult>, InvalidProblem, TooLargeProblem, UnsupportedMediaTypeProblem>> ApplyAsync(
        string id, HttpRequest request, GraftHome home, Graft.Serving.ServingState serving, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var media = request.ContentType?.Split(';')[0].Trim();
        if (media is not ("application/yaml" or "text/yaml" or "text/plain" or "application/x-yaml"))
        {
            return new UnsupportedMediaTypeProblem("send the spec as YAML (Content-Type: application/yaml)");
        }
        var yaml = await Body.ReadTextAsync(request, MaxSpecBytes, cancellationToken);
        if (yaml is null)
        {
            return new TooLargeProblem($"the spec is larger than {MaxSpecBytes / 1024} KiB");
        }
        var (applied, failure) = await ExpectedFailure.CatchAsync(new UseCaseCatalog(home).ApplyAsync(yaml, "request body", user.Actor(), cancellationToken, expectedId: id));
        if (failure is not null)
        {
            return failure.Invalid();
        }
        serving.Invalidate(id);
        return TypedResults.Ok(applied);
    }

    private static UseCaseView View((UseCase UseCase, SpecRevision Revision) found) => new(
        found.UseCase.Id, found.UseCase.Title, found.UseCase.Task.ToString().ToLowerInvariant(), found.UseCase.Revision,
        found.UseCase.ChampionVersion, found.Revision.Yaml);
}

/// <summary>Reads a request body up to a limit, for routes that take raw text or files rather than JSON.</summary>
public static class Body
{
    public static async Task<byte[]?> ReadBytesAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        // The route's limit replaces the server-wide one (sized for JSON requests), which the server would otherwise
        // enforce first; one chunk of slack lets the check below answer with the route's own message.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + chunk.Length;
        }
        using var buffer = new MemoryStream();
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static async Task<string?> ReadTextAsync(HttpRequest request, long limit, CancellationToken cancellationToken) =>
        await ReadBytesAsync(request, limit, cancellationToken) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
}
