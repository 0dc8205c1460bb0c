using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Graft.Registry;

namespace Graft.Server.Tests;

public class PromotionUnderLoadTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n" + "stage: auto\n";

    [Fact]
    public async Task Promotions_and_rollbacks_under_concurrent_load_fail_no_request()
    {
        // The load comes from one key; its rate limit is not what this test is about.
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["Graft:RateLimit:RequestsPerSecond"] = "0" });
        await service.UseCaseAsync(Spec, train: true);
        var versions = (await new ModelRegistry(service.Home).ListAsync("toy", default)).Select(v => v.Id).ToList();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var served = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var switching = true;

        var load = Enumerable.Range(0, 8).Select(async worker =>
        {
            var client = service.Client(service.AdminKey);
            while (Volatile.Read(ref switching) && !stop.IsCancellationRequested)
            {
                var response = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { x = worker, colour = "blue" } }, stop.Token);
                statuses.Add(response.StatusCode);
                if (response.IsSuccessStatusCode)
                {
                    var version = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token)).RootElement.GetProperty("model_version").GetString() ?? "rule";
                    served.AddOrUpdate(version, 1, (_, n) => n + 1);
                }
            }
        }).ToList();

        var admin = service.Client(service.AdminKey);
        for (var i = 0; i < 10; i++)
        {
            var promoted = await admin.PostAsJsonAsync($"/v1/models/{versions[i % 2 == 0 ? 1 : 0]}/promote", new { reason = "load test" });
            Assert.True(promoted.IsSuccessStatusCode, $"promotion {i}: {(int)promoted.StatusCode} {await promoted.Content.ReadAsStringAsync()}");
            await Task.Delay(150);
        }
        Volatile.Write(ref switching, false);
        await Task.WhenAll(load);

        Assert.True(statuses.Count > 100, $"only {statuses.Count} requests were sent");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        // Both versions answered. On a starved machine a row may also have exceeded the latency budget and been
        // answered by the rule: a fallback, not a failure.
        Assert.True(versions.Order().SequenceEqual(served.Keys.Where(k => k != "rule").Order()),
            $"served {string.Join(", ", served.Select(p => $"{p.Key}: {p.Value}"))}; registered {string.Join(", ", versions)}");
    }
}
