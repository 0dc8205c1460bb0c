using Graft.Audit;
using Graft.Data;
using Graft.Server.Governance;
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
        group.MapGet("", ListAsync).RequireAuthorization(AuthenticationSetup.Read).WithName("ListDatasets");
        group.MapPost("", UploadAsync).RequireAuthorization(AuthenticationSetup.Maintain).WithName("UploadDataset");
        group.MapPost("/{version}/audit", AuditAsync).RequireAuthorization(AuthenticationSetup.Maintain).WithName("AuditDataset");
        return routes;
    }

    public sealed record DatasetView(string Version, string Sha256, string Source, int Rows, int Columns, long Bytes, DateTime CreatedAt, bool Created);

    private static async Task<Ok<DatasetView[]>> ListAsync(string id, GraftHome home, CancellationToken cancellationToken)
    {
        await new UseCaseCatalog(home).GetAsync(id, cancellationToken);
        var versions = await new DatasetCatalog(home).ListAsync(id, cancellationToken);
        return TypedResults.Ok(versions.Select(v => View(v, created: false)).ToArray());
    }

    private static async Task<Results<Created<DatasetView>, Ok<DatasetView>, ProblemHttpResult>> UploadAsync(
        string id, string? name, HttpRequest request, GraftHome home, CancellationToken cancellationToken)
    {
        var bytes = await Body.ReadBytesAsync(request, MaxUploadBytes, cancellationToken);
        if (bytes is null)
        {
            return TypedResults.Problem($"the upload is larger than {MaxUploadBytes >> 20} MiB", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        var fileName = Path.GetFileName(string.IsNullOrWhiteSpace(name) ? "upload.csv" : name);
        var result = await new DatasetCatalog(home).ImportAsync(id, bytes, fileName, cancellationToken);
        var view = View(result.Version, result.Created);
        return result.Created ? TypedResults.Created($"/v1/usecases/{id}/datasets/{view.Version}", view) : TypedResults.Ok(view);
    }

    private static async Task<IResult> AuditAsync(string id, string version, GraftHome home, CancellationToken cancellationToken)
    {
        var (_, revision) = await new UseCaseCatalog(home).GetAsync(id, cancellationToken);
        var datasets = new DatasetCatalog(home);
        var dataset = await datasets.FindAsync(id, version, cancellationToken);
        var frame = await datasets.LoadAsync(dataset, cancellationToken);
        var report = await new DatasetAudits(home).RunAsync(revision.Spec(), revision.Revision, dataset.Id, frame, cancellationToken);
        return Results.Text(AuditReportJson.Write(report), "application/json");
    }

    private static DatasetView View(DatasetVersion v, bool created) =>
        new(v.Id, v.Sha256, v.SourceName, v.Rows, v.Columns, v.Bytes, v.CreatedAt, created);
}
