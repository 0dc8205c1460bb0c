using System.Security.Claims;
using Graft.Data;
using Graft.Server.Governance;
using Graft.Server.Problems;
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
        routes.MapPost("/v1/usecases/{id}/train", Train).RequireRole(AuthenticationSetup.Maintain).RequireScope(UseCaseScope.Route("id"))
            .ProducesJsonBodyProblems().WithTags("Training").WithName("Train");
        routes.MapGet("/v1/jobs/{jobId}", GetJob).RequireRole(AuthenticationSetup.Read).RequireScope(JobScope).WithTags("Training").WithName("GetJob");
        return routes;
    }

    private static readonly UseCaseScope JobScope = UseCaseScope.Lookup("jobId", "job",
        (jobId, http) => http.RequestServices.GetRequiredService<TrainingJobs>().UseCaseOfAsync(jobId, http.RequestAborted));

    public sealed record TrainRequest(string? Dataset);

    /// <summary>404 for an unknown use case or a dataset version it does not hold; 400 for a hash prefix that matches several; 503 when the queue is full.</summary>
    private static async Task<Results<Accepted<JobView>, NotFoundProblem, InvalidProblem, UnavailableProblem>> Train(
        string id, TrainRequest? request, TrainingJobs jobs, GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (dataset, failure) = await ExpectedFailure.CatchAsync(DatasetOfAsync(id, request?.Dataset, home, cancellationToken));
        if (failure is not null)
        {
            return failure.Kind == FailureKind.NotFound ? failure.NotFound() : failure.Invalid();
        }
        var job = await jobs.EnqueueAsync(new TrainingRequest(id, dataset is null ? null : [dataset]), user.Actor(), cancellationToken);
        return job is null ? new UnavailableProblem("too many training runs are waiting; try again later") : TypedResults.Accepted($"/v1/jobs/{job.Id}", job);
    }

    /// <summary>The dataset version to train on: one of this use case's (another's data is out of reach of a key for this one), or null for its latest.</summary>
    private static async Task<string?> DatasetOfAsync(string id, string? given, GraftHome home, CancellationToken cancellationToken)
    {
        await new UseCaseCatalog(home).GetAsync(id, cancellationToken);
        return given is null ? null : (await new DatasetCatalog(home).FindAsync(id, given, cancellationToken)).Id;
    }

    private static async Task<Results<Ok<JobView>, NotFoundProblem>> GetJob(string jobId, TrainingJobs jobs, CancellationToken cancellationToken) =>
        await jobs.FindAsync(jobId, cancellationToken) is { } job ? TypedResults.Ok(job) : new NotFoundProblem($"no job '{jobId}'");
}
