using System.Text.Json;
using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Server.Monitoring;
using Graft.Server.Data;
using Graft.Server.Feedback;
using Graft.Server.Registry;
using Graft.Server.Review;
using Graft.Server.Rollout;
using Graft.Server.Training;
using Graft.Server.UseCases;
using Graft.Server.Webhooks;
using Graft.Server.Serving;
using Graft.Server.Serving.OpenInference;
using Graft.Serving;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Graft.Server;

/// <summary>The service's table of contents: what it registers and which route groups it maps.</summary>
public static class GraftServer
{
    public const long MaxRequestBytes = 16 * 1024 * 1024;

    public static WebApplication Create(GraftHome home, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // ASP.NET Core logs several lines per request at Information, which costs more than a prediction; the lowest-priority
        // source, so Logging__LogLevel__Microsoft.AspNetCore (or any other source) can raise it again.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        });
        configure?.Invoke(builder); // first, so hosts and tests can set configuration the services read
        Diagnostics(builder);
        builder.Services.AddSingleton(home);
        builder.Services.AddSingleton(home.Time);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.MaxDepth = 32;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, Serving.ServingJson.Default);
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddOperationTransformer<OpenApiResponseBodies>().AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new() { Title = "Graft", Version = "v1", Description = "Governed predictions for apps you already run. See docs/api.md." };
            document.Servers?.Clear(); // the document must not depend on the host it was read from
            return Task.CompletedTask;
        }));
        builder.Services.AddExceptionHandler<FailureHandler>();
        builder.Services.AddGraftAuthentication();
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddGraftRateLimits(limits);
        // Request bodies: a 1,000-row batch of wide rows fits well within this; anything larger is refused with 413.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBytes);
        builder.Services.AddTraining();
        builder.Services.AddRetentionSchedule(builder.Configuration.GetValue(RetentionSchedule.EnabledSetting, true));
        builder.Services.AddAlertSchedule(builder.Configuration.GetValue(AlertSchedule.EnabledSetting, true));
        builder.Services.AddWebhooks(builder.Configuration);
        builder.Services.AddHostedService<Review.ReviewSweep>();
        builder.Services.AddServing(builder.Configuration.GetSection(PredictionLogOptions.Section).Get<PredictionLogOptions>() ?? new PredictionLogOptions());
        builder.Services.AddTelemetry(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.Use(UseCaseScope.EnforceAsync);
        app.MapOpenApi("/openapi/v1.json").RequireAuthorization().WithName("OpenApi");
        app.MapHealth();
        app.MapMonitoring();
        app.MapPredictions();
        app.MapOpenInference();
        app.MapModels();
        app.MapRollout();
        app.MapExplain();
        app.MapChallenger();
        app.MapReview();
        app.MapOutcomes();
        app.MapUseCases();
        app.MapDatasets();
        app.MapTrail();
        app.MapTraining();
        app.MapKeys();
        app.MapWebhooks();
        if (app.Configuration.GetValue<bool>(BareEndpoint.Setting))
        {
            app.MapBareEndpoint();
        }
        return app;
    }

    /// <summary>Where diagnostics go: stderr, one line each, or one JSON object each with <c>Graft:LogFormat=json</c>.</summary>
    public const string LogFormatSetting = "Graft:LogFormat";

    // The console provider is the host's own (one, whatever is called here); this chooses its format and its stream.
    private static void Diagnostics(WebApplicationBuilder builder)
    {
        if (builder.Configuration[LogFormatSetting] == "json")
        {
            builder.Logging.AddJsonConsole(o => (o.UseUtcTimestamp, o.TimestampFormat) = (true, "yyyy-MM-ddTHH:mm:ss.fffZ"));
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => (o.SingleLine, o.UseUtcTimestamp, o.TimestampFormat) = (true, true, "yyyy-MM-ddTHH:mm:ss.fffZ "));
        }
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // stdout is for data
    }
}
