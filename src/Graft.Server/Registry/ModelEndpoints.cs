using System.Security.Claims;
using System.Text.Json;
using Graft.Registry;
using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Serving;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Graft.Server.Registry;

/// <summary>
/// Routes:
/// <list type="bullet">
/// <item><c>GET /v1/usecases/{id}/models</c>: the use case's model versions.</item>
/// <item><c>GET /v1/models/{version}</c>: one version with its lineage.</item>
/// <item><c>POST /v1/models/{version}/promote</c>: make it the champion (after checking it loads).</item>
/// <item><c>POST /v1/usecases/{id}/rollback</c>: restore the previous champion.</item>
/// </list>
/// </summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("Models");
        group.MapGet("/usecases/{id}/models", ListAsync).RequireRole(AuthenticationSetup.Read).RequireScope(UseCaseScope.Route("id")).WithName("ListModels");
        group.MapGet("/models/{version}", GetAsync).RequireRole(AuthenticationSetup.Read).RequireScope(VersionScope).WithName("GetModel");
        group.MapPost("/models/{version}/promote", PromoteAsync).RequireRole(AuthenticationSetup.Maintain).RequireScope(VersionScope)
            .ProducesJsonBodyProblems().WithName("PromoteModel");
        group.MapPost("/usecases/{id}/rollback", RollbackAsync).RequireRole(AuthenticationSetup.Maintain).RequireScope(UseCaseScope.Route("id"))
            .ProducesJsonBodyProblems().WithName("RollbackModel");
        return routes;
    }

    // A version's use case as the registry has it (an id that merely looks like another use case's proves nothing).
    private static readonly UseCaseScope VersionScope = UseCaseScope.Lookup("version", "model version",
        (version, http) => new ModelRegistry(http.RequestServices.GetRequiredService<GraftHome>()).UseCaseOfAsync(version, http.RequestAborted));

    public sealed record ModelView(
        string Version, string UseCase, int Number, string Candidate, string Trainer, IReadOnlyDictionary<string, double> Parameters,
        int Seed, string Dataset, string DatasetSha256, int SpecRevision, string Run, double? Threshold,
        IReadOnlyDictionary<string, double> Metrics, string ArtifactSha256, DateTime CreatedAt, bool Champion, IReadOnlyList<LineageDataset> Datasets,
        IReadOnlyList<InputSummary>? Inputs = null);

    public sealed record ChangeRequest(string? Reason);

    private static ModelView View(ModelVersion v, string? champion) => new(
        v.Id, v.UseCaseId, v.Number, v.Candidate, v.Trainer,
        JsonSerializer.Deserialize<Dictionary<string, double>>(v.ParametersJson) ?? [], v.Seed, v.DatasetVersionId, v.DatasetSha256,
        v.SpecRevision, v.TrainingRunId, v.Threshold, JsonSerializer.Deserialize<Dictionary<string, double>>(v.MetricsJson) ?? [],
        v.ArtifactSha256, v.CreatedAt, v.Id == champion, v.Datasets());

    private static async Task<Results<Ok<ModelView[]>, NotFoundProblem>> ListAsync(string id, GraftHome home, CancellationToken cancellationToken)
    {
        var (found, failure) = await ExpectedFailure.CatchAsync(new Graft.UseCases.UseCaseCatalog(home).GetAsync(id, cancellationToken));
        if (failure is not null)
        {
            return failure.NotFound();
        }
        var versions = await new ModelRegistry(home).ListAsync(id, cancellationToken);
        return TypedResults.Ok(versions.Select(v => View(v, found.UseCase.ChampionVersion)).ToArray());
    }

    private static async Task<Results<Ok<ModelView>, NotFoundProblem>> GetAsync(string version, GraftHome home, CancellationToken cancellationToken)
    {
        var (view, failure) = await ExpectedFailure.CatchAsync(LineageAsync(version, home, cancellationToken));
        return failure is null ? TypedResults.Ok(view) : failure.NotFound();
    }

    private static async Task<ModelView> LineageAsync(string version, GraftHome home, CancellationToken cancellationToken)
    {
        var registry = new ModelRegistry(home);
        var v = await registry.GetAsync(version, cancellationToken);
        var (useCase, revision) = await new Graft.UseCases.UseCaseCatalog(home).GetAsync(v.UseCaseId, cancellationToken);
        var inputs = InputSummary.Of(await registry.CardAsync(v.Id, cancellationToken), revision.Spec());
        return View(v, useCase.ChampionVersion) with { Inputs = inputs };
    }

    /// <summary>404 for an unknown version; 409 for one that cannot be loaded, which leaves the champion as it was.</summary>
    private static async Task<Results<Ok<ChampionResult>, NotFoundProblem, ConflictProblem>> PromoteAsync(
        string version, ChangeRequest? request, GraftHome home, ServingState serving, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (result, failure) = await ExpectedFailure.CatchAsync(
            new ModelRegistry(home).PromoteAsync(version, user.Actor(), request?.Reason, serving.ModelAsync, cancellationToken));
        if (failure is not null)
        {
            return failure.Kind == FailureKind.NotFound ? failure.NotFound() : failure.Conflict();
        }
        serving.Invalidate(result.UseCase);
        return TypedResults.Ok(result);
    }

    /// <summary>404 for an unknown use case; 409 when it has no champion, or its champion was its first.</summary>
    private static async Task<Results<Ok<ChampionResult>, NotFoundProblem, ConflictProblem>> RollbackAsync(
        string id, ChangeRequest? request, GraftHome home, ServingState serving, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (result, failure) = await ExpectedFailure.CatchAsync(new ModelRegistry(home).RollbackAsync(id, user.Actor(), request?.Reason, cancellationToken));
        if (failure is not null)
        {
            return failure.Kind == FailureKind.NotFound ? failure.NotFound() : failure.Conflict();
        }
        serving.Invalidate(id);
        return TypedResults.Ok(result);
    }
}
