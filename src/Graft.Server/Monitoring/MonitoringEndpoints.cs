using Graft.Monitoring;
using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Monitoring;

/// <summary><c>GET /v1/usecases/{id}/monitoring?window=1h</c> (or <c>from</c>, <c>to</c>; <c>version</c>): the picture <c>graft monitor</c> shows, as JSON.</summary>
public static class MonitoringEndpoints
{
    public static IEndpointRouteBuilder MapMonitoring(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/usecases/{id}/monitoring", ReadAsync).WithTags("Monitoring").RequireRole(AuthenticationSetup.Read)
            .RequireScope(UseCaseScope.Route("id")).WithName("GetMonitoring");
        return routes;
    }

    /// <summary>400 for a window that is not a duration, a time that is not one, both a window and a from, or an empty span; 404 for an unknown use case or version.</summary>
    private static async Task<Results<Ok<MonitoringView>, InvalidProblem, NotFoundProblem>> ReadAsync(string id, GraftHome home, CancellationToken cancellationToken,
        string? window = null, string? from = null, string? to = null, string? version = null)
    {
        async Task<MonitoringView> ReadViewAsync()
        {
            var (start, end) = MonitoringSpanRequest.Resolve(window, from, to, home.Now);
            return await new MonitoringReader(home).ReadAsync(id, start, end, version, cancellationToken);
        }
        var (view, failure) = await ExpectedFailure.CatchAsync(ReadViewAsync());
        return failure switch
        {
            null => TypedResults.Ok(view!),
            { Kind: FailureKind.Invalid } => failure.Invalid(),
            _ => failure.NotFound(),
        };
    }
}
