using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Graft.Server.Monitoring;

/// <summary>Liveness (no key needed), readiness (the store answers) and Prometheus metrics (any key).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "live" })).AllowAnonymous().WithName("Live").WithTags("Health");
        routes.MapGet("/readyz", ReadyAsync).AllowAnonymous().WithName("Ready").WithTags("Health");
        var metrics = routes.ServiceProvider.GetRequiredService<ServiceMetrics>();
        routes.MapMetrics("/metrics", metrics.Registry).RequireAuthorization().WithName("Metrics").WithTags("Health");
        return routes;
    }

    private static async Task<Results<Ok<ReadyResponse>, ProblemHttpResult>> ReadyAsync(GraftHome home, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? TypedResults.Ok(new ReadyResponse("ready"))
            : TypedResults.Problem("the store does not answer", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public sealed record ReadyResponse(string Status);
}
