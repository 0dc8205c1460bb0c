using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Graft.Server.Tests;

public class BatchAndLimitTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n" + "stage: auto\n";

    [Fact]
    public async Task A_batch_is_answered_row_by_row_in_order()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        var rows = Enumerable.Range(0, 20).Select(i => new { entity_id = $"e{i}", inputs = new { x = i % 2 == 0 ? 9.5 : 0.5, colour = "blue" } });

        var response = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/predict", new { rows });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var predictions = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("predictions");
        Assert.Equal(20, predictions.GetArrayLength());
        Assert.Equal(["yes", "no"], predictions.EnumerateArray().Take(2).Select(p => p.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task A_batch_scores_explains_and_logs_each_row_as_single_requests_would()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        var client = service.Client(service.AdminKey);
        var rows = Enumerable.Range(0, 12).Select(i => new { entity_id = $"b{i}", inputs = new { x = i * 0.8, colour = i % 3 == 0 ? "red" : "blue" } }).ToList();

        var batch = JsonDocument.Parse(await (await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { rows })).Content.ReadAsStringAsync())
            .RootElement.GetProperty("predictions").EnumerateArray().ToList();
        foreach (var (row, answer) in rows.Zip(batch))
        {
            var single = JsonDocument.Parse(await (await client.PostAsJsonAsync("/v1/usecases/toy/predict", row)).Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(single.GetProperty("label").GetString(), answer.GetProperty("label").GetString());
            Assert.Equal(single.GetProperty("score").GetDouble(), answer.GetProperty("score").GetDouble(), 5);
            Assert.Equal(single.GetProperty("explanation")[0].GetProperty("field").GetString(), answer.GetProperty("explanation")[0].GetProperty("field").GetString());
        }
        await service.StopAsync();
        Assert.Equal(24, (await service.LogAsync()).Count);
    }

    [Fact]
    public async Task A_bad_row_rejects_the_batch_naming_the_row_and_an_oversized_batch_is_refused()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);
        var client = service.Client(service.AdminKey);

        var bad = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { rows = new object[] { new { inputs = new { x = 1 } }, new { inputs = new { x = "many" } } } });
        var huge = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { rows = Enumerable.Range(0, 1001).Select(_ => new { inputs = new { x = 1 } }) });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("rows[1].x", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("1 to 1,000 rows", await huge.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Over_the_per_key_limit_requests_get_429_with_retry_after()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["Graft:RateLimit:RequestsPerSecond"] = "2" });
        await service.UseCaseAsync(Spec, train: false);
        var client = service.Client(service.AdminKey);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            responses.Add(await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { x = 1 } }));
        }

        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("1", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
        var otherKey = service.Client(await service.KeyAsync(Graft.Governance.Role.Maintainer));
        Assert.Equal(HttpStatusCode.OK, (await otherKey.PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { x = 1 } })).StatusCode);
    }
}
