using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Graft.Server.Tests;

public class FallbackTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n" + """
        stage: auto
        latency_budget_ms: 50
        fields:
          colour: { required: true }
        """;

    private static async Task<JsonElement> PredictAsync(TestService service, object inputs)
    {
        var response = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task A_missing_required_input_is_answered_by_the_rule()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);

        var body = await PredictAsync(service, new { x = 9.5 });

        Assert.Equal("missing_inputs", body.GetProperty("fallback_reason").GetString());
        Assert.Equal("fallback", body.GetProperty("route").GetString());
    }

    [Fact]
    public async Task Scoring_slower_than_the_latency_budget_is_answered_by_the_rule()
    {
        // Every reading of this clock moves it on 100 ms, so any scoring looks slower than the 50 ms budget.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(100) };
        await using var service = await TestService.StartAsync(time: time);
        await service.UseCaseAsync(Spec, train: true);

        var body = await PredictAsync(service, new { x = 9.5, colour = "red" });

        Assert.Equal("timeout", body.GetProperty("fallback_reason").GetString());
        Assert.Equal("yes", body.GetProperty("label").GetString()); // the rule: red
        Assert.Equal(JsonValueKind.Null, body.GetProperty("model_version").ValueKind);
    }

    [Fact]
    public async Task Without_a_rule_a_model_less_use_case_is_a_409_not_a_5xx()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec.Replace("rule: \"colour == 'red'\"\n", ""), train: false);

        var response = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { colour = "red" } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no rule to fall back on", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task When_the_store_cannot_be_read_the_service_keeps_answering_with_what_it_knows()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await TestService.StartAsync(time: time);
        await service.UseCaseAsync(Spec, train: true);
        var before = await PredictAsync(service, new { x = 9.5, colour = "blue" });

        // The database goes away: new connections find an empty file with no tables.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(service.Root, "graft.db*"))
        {
            File.Move(file, file + ".away");
        }
        time.Advance(Graft.Storage.GraftHome.Freshness * 2);
        var during = await PredictAsync(service, new { x = 9.5, colour = "blue" });

        Assert.Equal(before.GetProperty("model_version").GetString(), during.GetProperty("model_version").GetString());
        Assert.Equal("auto", during.GetProperty("route").GetString());
    }
}
