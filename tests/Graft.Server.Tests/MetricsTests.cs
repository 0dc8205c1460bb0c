using System.Net;
using System.Net.Http.Json;

namespace Graft.Server.Tests;

public class MetricsTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n";

    [Fact]
    public async Task Metrics_count_predictions_by_route_and_fallbacks_by_reason_in_prometheus_text()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);
        var client = service.Client(service.AdminKey);
        for (var i = 0; i < 3; i++)
        {
            await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { colour = "red" } });
        }
        await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { nope = 1 } });

        var text = await client.GetStringAsync("/metrics");

        Assert.Contains("graft_predictions_total{use_case=\"toy\",route=\"fallback\",status=\"200\"} 3", text);
        Assert.Contains("graft_predictions_total{use_case=\"toy\",route=\"none\",status=\"400\"} 1", text);
        Assert.Contains("graft_fallbacks_total{use_case=\"toy\",reason=\"no_model\"} 3", text);
        Assert.Contains("graft_prediction_duration_seconds_bucket{use_case=\"toy\",route=\"fallback\",le=\"0.1\"}", text);
        Assert.Contains("graft_prediction_log_dropped_total 0", text);
        Assert.Contains("graft_prediction_log_queue_depth", text);
    }

    [Fact]
    public async Task A_batch_counts_each_of_its_rows_once()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);
        var client = service.Client(service.AdminKey);
        var rows = Enumerable.Range(0, 250).Select(i => new { entity_id = $"e{i}", inputs = new { colour = i % 2 == 0 ? "red" : "blue" } });
        (await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { rows })).EnsureSuccessStatusCode();

        var text = await client.GetStringAsync("/metrics");

        Assert.Contains("graft_predictions_total{use_case=\"toy\",route=\"fallback\",status=\"200\"} 250\n", text);
        Assert.Contains("graft_fallbacks_total{use_case=\"toy\",reason=\"no_model\"} 250\n", text);
        Assert.Contains("graft_prediction_duration_seconds_count{use_case=\"toy\",route=\"fallback\"} 250\n", text);
    }

    [Fact]
    public async Task Open_inference_answers_and_refusals_are_counted_like_v1_ones()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec + "fallback: none\nfields:\n  colour: { required: true }\n", train: true);
        var client = service.Client(service.AdminKey);
        object Request(params object[] inputs) => new { inputs };
        var x = new { name = "x", shape = new[] { 1 }, datatype = "FP32", data = new[] { 9.5 } };
        var colour = new { name = "colour", shape = new[] { 1 }, datatype = "BYTES", data = new[] { "red" } };
        (await client.PostAsJsonAsync("/v2/models/toy/infer", Request(x, colour))).EnsureSuccessStatusCode();
        var refused = await client.PostAsJsonAsync("/v2/models/toy/infer", Request(x)); // a required field missing, and no rule to fall back on

        var text = await client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("graft_predictions_total{use_case=\"toy\",route=\"none\",status=\"400\"} 1\n", text);
        Assert.Matches("graft_predictions_total\\{use_case=\"toy\",route=\"[a-z]+\",status=\"200\"\\} 1\n", text);
    }

    [Fact]
    public async Task Metrics_need_a_key()
    {
        await using var service = await TestService.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client().GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client(await service.KeyAsync(Graft.Governance.Role.Viewer)).GetAsync("/metrics")).StatusCode);
    }
}
