using Graft.Data;
using Graft.Server.Governance;
using Graft.Storage;
using Graft.Training;
using Graft.UseCases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Graft.Server.Training;

/// <summary>
/// Routes:
/// <list type="bullet">
/// <item><c>POST /v1/usecases/{id}/train</c>: queue a training run (on the latest or a given dataset version of the use case); 202 Accepted with the job's location.</item>
/// <item><c>GET /v1/jobs/{jobId}</c>: the job's status, progress and, when done, its result.</item>
/// </list>
/// </summary>
public static class TrainingEndpoints
{
    public static IServiceCollection AddTraining(this IServiceCollection services) =>
        services.AddSingleton<TrainingJobs>().AddHostedService(p => p.GetRequiredService<TrainingJobs>());

    public static IEndpointRouteBuilder MapTraining(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/usecases/{id}/train", Train).RequireAuthorization(AuthenticationSetup.Maintain).RequireScope(UseCaseScope.Route("id"))
            .WithTags("Training").WithName("Train");
        routes.MapGet("/v1/jobs/{jobId}", GetJob).RequireAuthorization(AuthenticationSetup.Read).RequireScope(JobScope).WithTags("Training").WithName("GetJob");
        return routes;
    }

    private static readonly UseCaseScope JobScope = UseCaseScope.Lookup("jobId", "job",
        (jobId, http) => http.RequestServices.GetRequiredService<TrainingJobs>().UseCaseOfAsync(jobId, http.RequestAborted));

    public sealed record TrainRequest(string? Dataset);

    private static async Task<Results<Accepted<JobView>, ProblemHttpResult>> Train(
        string id, TrainRequest? request, TrainingJobs jobs, GraftHome home, CancellationToken cancellationToken)
    {
        await new UseCaseCatalog(home).GetAsync(id, cancellationToken);
        // the dataset must be one of this use case's: another's data is out of reach of a key for this one
        var dataset = request?.Dataset is { } given ? (await new DatasetCatalog(home).FindAsync(id, given, cancellationToken)).Id : null;
        var job = await jobs.EnqueueAsync(new TrainingRequest(id, dataset), cancellationToken);
        return job is null
            ? TypedResults.Problem("too many training runs are waiting; try again later", statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Accepted($"/v1/jobs/{job.Id}", job);
    }

    private static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetJob(string jobId, TrainingJobs jobs, CancellationToken cancellationToken) =>
        await jobs.FindAsync(jobId, cancellationToken) is { } job ? TypedResults.Ok(job) : Problems.From(FailureKind.NotFound, $"no job '{jobId}'");
}
