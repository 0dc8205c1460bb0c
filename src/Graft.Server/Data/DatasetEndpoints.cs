using System.Security.Claims;
using Graft.Audit;
using Graft.Data;
using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Server.UseCases;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Data;

/// <summary>
/// Routes:
/// <list type="bullet">
/// <item><c>GET /v1/usecases/{id}/datasets</c>: dataset versions, newest first.</item>
/// <item><c>POST /v1/usecases/{id}/datasets?name=file.csv</c>: upload a delimited file (raw body) as a dataset version.</item>
/// <item><c>POST /v1/usecases/{id}/datasets/{version}/audit</c>: audit one of its versions against the current spec.</item>
/// </list>
/// </summary>
public static class DatasetEndpoints
{
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    public static IEndpointRouteBuilder MapDatasets(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/usecases/{id}/datasets").RequireScope(UseCaseScope.Route("id")).WithTags("Data");
        group.MapGet("", ListAsync).RequireRole(AuthenticationSetup.Read).WithName("ListDatasets");
        group.MapPost("", UploadAsync).RequireRole(AuthenticationSetup.Maintain).WithName("UploadDataset");
        // The report is written as the audit stores it (AuditReportJson), so its shape is declared here.
        group.MapPost("/{version}/audit", AuditAsync).RequireRole(AuthenticationSetup.Maintain).Produces<AuditReport>().WithName("AuditDataset");
        return routes;
    }

    public sealed record DatasetView(string Version, string Sha256, string Source, int Rows, int Columns, long Bytes, DateTime CreatedAt, bool Created);

    private static async Task<Results<Ok<DatasetView[]>, NotFoundProblem>> ListAsync(string id, GraftHome home, CancellationToken cancellationToken)
    {
        var (_, failure) = await ExpectedFailure.CatchAsync(new UseCaseCatalog(home).GetAsync(id, cancellationToken));
        if (failure is not null)
        {
            return failure.NotFound();
        }
        var versions = await new DatasetCatalog(home).ListAsync(id, cancellationToken);
        return TypedResults.Ok(versions.Select(v => View(v, created: false)).ToArray());
    }

    /// <summary>201 for new data, 200 for data the store already holds (it becomes the use case's latest); 400 for a malformed file.</summary>
    private static async Task<Results<Created<DatasetView>, Ok<DatasetView>, InvalidProblem, NotFoundProblem, TooLargeProblem>> UploadAsync(
        string id, string? name, HttpRequest request, GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var bytes = await Body.ReadBytesAsync(request, MaxUploadBytes, cancellationToken);
        if (bytes is null)
        {
            return new TooLargeProblem($"the upload is larger than {MaxUploadBytes >> 20} MiB");
        }
        var fileName = Path.GetFileName(string.IsNullOrWhiteSpace(name) ? "upload.csv" : name);
        var (result, failure) = await ExpectedFailure.CatchAsync(new DatasetCatalog(home).ImportAsync(id, bytes, fileName, user.Actor(), cancellationToken));
        if (failure is not null)
        {
            return failure.Kind == FailureKind.NotFound ? failure.NotFound() : failure.Invalid();
        }
        var view = View(result.Version, result.Created);
        return result.Created ? TypedResults.Created($"/v1/usecases/{id}/datasets/{view.Version}", view) : TypedResults.Ok(view);
    }

    /// <summary>404 for an unknown use case or a version it does not hold; 400 for a spec that does not fit the data, or a hash prefix that matches several versions.</summary>
    private static async Task<Results<ContentHttpResult, NotFoundProblem, InvalidProblem>> AuditAsync(
        string id, string version, GraftHome home, CancellationToken cancellationToken)
    {
        var (report, failure) = await ExpectedFailure.CatchAsync(RunAuditAsync(id, version, home, cancellationToken));
        return failure is null ? TypedResults.Text(AuditReportJson.Write(report), "application/json")
            : failure.Kind == FailureKind.NotFound ? failure.NotFound() : failure.Invalid();
    }

    private static async Task<AuditReport> RunAuditAsync(string id, string version, GraftHome home, CancellationToken cancellationToken)
    {
        var (_, revision) = await new UseCaseCatalog(home).GetAsync(id, cancellationToken);
        var datasets = new DatasetCatalog(home);
        var dataset = await datasets.FindAsync(id, version, cancellationToken);
        var frame = await datasets.LoadAsync(dataset, cancellationToken);
        return await new DatasetAudits(home).RunAsync(revision.Spec(), revision.Revision, dataset.Id, frame, cancellationToken);
    }

    private static DatasetView View(DatasetVersion v, bool created) =>
        new(v.Id, v.Sha256, v.SourceName, v.Rows, v.Columns, v.Bytes, v.CreatedAt, created);
}
