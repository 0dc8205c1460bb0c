using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using Graft.Server.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Graft.Server.Tests.Monitoring;

/// <summary>
/// OpenTelemetry export against a local OTLP receiver (HTTP/protobuf on 127.0.0.1, recording what it is sent): the
/// request spans and the prediction metrics arrive from a resource named graft; without an endpoint nothing is set up.
/// Alone, not beside other tests: .NET's meter listeners are process-wide, so an exporting service also listens to the
/// Graft meters of every other test's service, and under a full suite's load its own counts were missing from the exports.
/// </summary>
[Collection(nameof(TelemetryTests))]
public class TelemetryTests
{
    /// <summary>An OTLP/HTTP receiver: every body posted to /v1/traces or /v1/metrics, raw (protobuf keeps strings as UTF-8).</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app) => _app = app;

        public ConcurrentQueue<(string Path, byte[] Body)> Received { get; } = new();

        public Uri Address => new(_app.Urls.First());

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new Receiver(app);
            foreach (var path in new[] { "/v1/traces", "/v1/metrics" })
            {
                app.MapPost(path, async (HttpRequest request) =>
                {
                    using var body = new MemoryStream();
                    await request.Body.CopyToAsync(body);
                    receiver.Received.Enqueue((path, body.ToArray()));
                    return Results.Ok();
                });
            }
            await app.StartAsync();
            return receiver;
        }

        public bool Got(string path, params string[] texts) =>
            Received.Any(r => r.Path == path && texts.All(t => Encoding.UTF8.GetString(r.Body).Contains(t, StringComparison.Ordinal)));

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    /// <summary>A service exporting to the receiver over OTLP/HTTP, quickly (the SDK's own settings, read as it reads them from the environment).</summary>
    private static Task<TestService> ExportingAsync(Receiver receiver, Dictionary<string, string?>? more = null) =>
        TestService.StartAsync(new Dictionary<string, string?>(more ?? [])
        {
            [Telemetry.EndpointSetting] = receiver.Address.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });

    [Fact]
    public async Task With_an_otlp_endpoint_request_spans_and_prediction_metrics_reach_the_receiver()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var service = await ExportingAsync(receiver);
        await service.UseCaseAsync(Graft.Testing.ToyData.Spec + "\nstage: auto\n", train: true);
        var client = service.Client(service.AdminKey);
        for (var i = 0; i < 5; i++)
        {
            var answer = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { entity_id = $"e{i}", inputs = new { x = 3.5 + i, colour = "red" } });
            answer.EnsureSuccessStatusCode();
        }

        for (var wait = 0; wait < 300 && !(receiver.Got("/v1/traces", "/v1/usecases/{id}/predict") && receiver.Got("/v1/metrics", "graft.predictions", "toy")); wait++)
        {
            await Task.Delay(100);
        }
        Assert.True(receiver.Got("/v1/traces", "graft", "/v1/usecases/{id}/predict"), $"spans: {receiver.Received.Count(r => r.Path == "/v1/traces")} posts");
        Assert.True(receiver.Got("/v1/metrics", "graft", "graft.predictions", "graft.prediction.duration", "use_case", "toy", "route"),
            $"metrics: {receiver.Received.Count(r => r.Path == "/v1/metrics")} posts");
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_monitoring_signals_reach_the_receiver_as_gauges_with_the_prometheus_labels()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var service = await ExportingAsync(receiver, new()
        {
            ["Graft:PredictionLog:Durable"] = "true",
            [AlertSchedule.EnabledSetting] = "false", // the test sets the signals itself, once the windows hold the answers
        });
        await service.UseCaseAsync(Graft.Testing.ToyData.Spec + "\nstage: auto\n", train: true);
        var client = service.Client(service.AdminKey);
        for (var i = 0; i < 120; i++) // a field needs 100 values for a verdict (min_values)
        {
            var answer = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { entity_id = $"e{i}", inputs = new { x = 14 + i % 10 / 10.0, colour = i % 3 == 0 ? "red" : "blue" } });
            answer.EnsureSuccessStatusCode();
        }
        var metrics = (ServiceMetrics)service.Services.GetService(typeof(ServiceMetrics))!;

        // the writer saves the windows within a second of falling idle; the signals are set from them
        bool Exported() => receiver.Got("/v1/metrics", "graft.drift.psi", "graft.drift.detected", "graft.drift.statistic", "use_case", "model_version", "field", "toy", "colour", "(score)");
        for (var wait = 0; wait < 150 && !Exported(); wait++)
        {
            await Task.Delay(200);
            await AlertSchedule.RefreshAsync(service.Home, metrics.Monitoring, default);
        }
        string[] wanted = ["graft.drift.psi", "graft.drift.detected", "graft.drift.statistic", "use_case", "model_version", "field", "toy", "colour", "(score)"];
        var last = receiver.Received.LastOrDefault(r => r.Path == "/v1/metrics").Body ?? [];
        Assert.True(Exported(), $"metrics: {receiver.Received.Count(r => r.Path == "/v1/metrics")} posts; the last lacks {string.Join(", ", wanted.Where(w => !Encoding.UTF8.GetString(last).Contains(w, StringComparison.Ordinal)))}");
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_listens_to_the_graft_meter()
    {
        await using var service = await TestService.StartAsync();
        _ = service.Services.GetService(typeof(ServiceMetrics)); // made, with its instruments
        var meters = service.Services.GetService(typeof(System.Diagnostics.Metrics.IMeterFactory));
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        var published = new List<System.Diagnostics.Metrics.Instrument>();
        listener.InstrumentPublished = (instrument, _) => // instruments made before are published on Start; this one never enables any
        {
            if (instrument.Meter.Name == Telemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                published.Add(instrument);
            }
        };
        listener.Start();

        Assert.Equal(["graft.alert.state", "graft.concept_drift.suspected", "graft.drift.detected", "graft.drift.psi", "graft.drift.share", "graft.drift.statistic",
            "graft.fallbacks", "graft.prediction.duration", "graft.prediction.warnings", "graft.predictions", "graft.quality.estimated", "graft.quality.live"],
            published.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.All(published, i => Assert.False(i.Enabled)); // with no OpenTelemetry set up, nobody reads them: each returns at once
    }

    [Fact]
    public async Task An_endpoint_that_is_not_an_http_url_is_refused_at_start() =>
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT 'localhost:4317' is not an http(s) URL",
            (await Assert.ThrowsAsync<GraftException>(() => TestService.StartAsync(new Dictionary<string, string?> { [Telemetry.EndpointSetting] = "localhost:4317" }))).Message);
}

/// <summary>Runs <see cref="TelemetryTests"/> with no other test at the same time.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryRunsAlone;
