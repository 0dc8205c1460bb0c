using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Graft.Server.Monitoring;

/// <summary>
/// OpenTelemetry export, when an OTLP endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, as every
/// OpenTelemetry SDK names it; the other <c>OTEL_*</c> settings, such as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, are the
/// SDK's own): a span for each HTTP request, ASP.NET Core's request metrics, and the "Graft" meter's prediction
/// counts (<see cref="ServiceMetrics"/>), from a resource named <c>graft</c>. Without an endpoint nothing is set up
/// and nothing listens, so the predict path pays nothing for it.
/// </summary>
public static class Telemetry
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string MeterName = "Graft";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[EndpointSetting] is not { Length: > 0 } endpoint)
        {
            return services;
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw GraftException.Invalid($"{EndpointSetting} '{endpoint}' is not an http(s) URL, such as http://127.0.0.1:4318");
        }
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("graft", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/healthz")) // probes are not traffic
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddMeter(MeterName).AddAspNetCoreInstrumentation().AddOtlpExporter());
        return services;
    }
}
