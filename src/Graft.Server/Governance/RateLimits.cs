using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Graft.Server.Governance;

/// <summary>
/// Per-key request limits (ASP.NET Core's token-bucket limiter, partitioned by key id): over the limit a
/// request gets 429 with Retry-After. Requests without a key share one bucket per remote address.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Graft:RateLimit";

    /// <summary>Sustained requests per second per key. Default 5,000; 0 turns limiting off.</summary>
    public int RequestsPerSecond { get; set; } = 5_000;

    /// <summary>Requests a key may send at once above the sustained rate. Default: one second's worth.</summary>
    public int? Burst { get; set; }
}

public static class RateLimits
{
    public static IServiceCollection AddGraftRateLimits(this IServiceCollection services, RateLimitOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await Results.Problem("too many requests for this key; slow down and retry after the Retry-After seconds",
                    statusCode: StatusCodes.Status429TooManyRequests, type: "https://graft.dev/problems/rate-limited")
                    .ExecuteAsync(context.HttpContext);
            };
            if (options.RequestsPerSecond > 0)
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    RateLimitPartition.GetTokenBucketLimiter(
                        http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? $"anonymous:{http.Connection.RemoteIpAddress}",
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = options.Burst ?? options.RequestsPerSecond,
                            TokensPerPeriod = options.RequestsPerSecond,
                            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                            QueueLimit = 0,
                            AutoReplenishment = true,
                        }));
            }
        });
}
