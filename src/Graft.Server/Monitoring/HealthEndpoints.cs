using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Graft.Server.Monitoring;

/// <summary>Liveness (no key needed), readiness (the store answers) and Prometheus metrics (any key without a use case).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "live" })).AllowWithoutKey().WithName("Live").WithTags("Health");
        routes.MapGet("/readyz", ReadyAsync).AllowWithoutKey().WithName("Ready").WithTags("Health");
        var metrics = routes.ServiceProvider.GetRequiredService<ServiceMetrics>();
        // Counters of every use case, which cannot be narrowed to one: keys without a use case only.
        routes.MapMetrics("/metrics", metrics.Registry).RequireAuthorization().RequireScope(UseCaseScope.AllUseCases).WithName("Metrics").WithTags("Health");
        return routes;
    }

    /// <summary>
    /// What ready means, here and on <c>/v2/health/ready</c>: the store answers. It holds the keys, the use cases and their
    /// champions, and takes the prediction log; without it a replica should get no new traffic.
    /// </summary>
    public static async Task<bool> StoreAnswersAsync(GraftHome home, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.Database.CanConnectAsync(cancellationToken);
    }

    public const string StoreSilent = "the store does not answer";

    private static async Task<Results<Ok<ReadyResponse>, UnavailableProblem>> ReadyAsync(GraftHome home, CancellationToken cancellationToken) =>
        await StoreAnswersAsync(home, cancellationToken) ? TypedResults.Ok(new ReadyResponse("ready")) : new UnavailableProblem(StoreSilent);

    public sealed record ReadyResponse(string Status);
}
