using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Graft.Server.Tests;

public class ChallengerApiTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\nstage: auto\n";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<(string Champion, string Challenger)> VersionsAsync(TestService service)
    {
        var versions = await new Graft.Registry.ModelRegistry(service.Home).ListAsync("toy", default);
        var champion = (await new Graft.UseCases.UseCaseCatalog(service.Home).GetAsync("toy", default)).UseCase.ChampionVersion!;
        return (champion, versions.First(v => v.Id != champion).Id);
    }

    [Fact]
    public async Task A_challenger_that_is_not_allowed_is_a_4xx_with_its_type_and_the_status_still_shows_none()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        await service.UseCaseAsync(Spec.Replace("id: toy", "id: other"), train: true);
        var (champion, challenger) = await VersionsAsync(service);
        var client = service.Client(service.AdminKey);

        var refusals = new (object Body, HttpStatusCode Status, string Type)[]
        {
            (new { version = challenger, mode = "shadow", percent = 0, reason = "none" }, HttpStatusCode.BadRequest, "invalid"),
            (new { version = challenger, mode = "shadow", percent = 101, reason = "all and more" }, HttpStatusCode.BadRequest, "invalid"),
            (new { version = challenger, mode = "sideways", percent = 10, reason = "?" }, HttpStatusCode.BadRequest, "invalid"),
            (new { version = challenger, mode = "shadow", percent = 10 }, HttpStatusCode.BadRequest, "invalid"),
            (new { version = "other-v1", mode = "shadow", percent = 10, reason = "another's" }, HttpStatusCode.BadRequest, "invalid"),
            (new { version = champion, mode = "canary", percent = 10, reason = "itself" }, HttpStatusCode.Conflict, "conflict"),
            (new { version = "toy-v99", mode = "shadow", percent = 10, reason = "no such" }, HttpStatusCode.NotFound, "not-found"),
        };
        foreach (var (body, status, type) in refusals)
        {
            var response = await client.PutAsJsonAsync("/v1/usecases/toy/challenger", body);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal($"https://graft.dev/problems/{type}", (await JsonAsync(response)).GetProperty("type").GetString());
        }
        await File.WriteAllBytesAsync(Path.Combine(service.Root, "artifacts", "models", challenger, "model.zip"), [1, 2, 3]);
        var broken = await client.PutAsJsonAsync("/v1/usecases/toy/challenger", new { version = challenger, mode = "shadow", percent = 10, reason = "broken" });
        Assert.Equal(HttpStatusCode.Conflict, broken.StatusCode);
        Assert.Contains("cannot be served", (await JsonAsync(broken)).GetProperty("detail").GetString());

        var rollout = await JsonAsync(await client.GetAsync("/v1/usecases/toy/status"));
        Assert.Equal(JsonValueKind.Null, rollout.GetProperty("challenger").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/usecases/toy/challenger/report")).StatusCode);
        await using var db = service.Home.CreateDb();
        Assert.Equal(0, db.TrailEntries.Count(e => e.Act == Graft.Governance.TrailActs.ChallengerChanged));
    }

    [Fact]
    public async Task A_shadow_challenger_set_over_the_api_is_compared_off_the_request_path_and_reported()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        var (champion, challenger) = await VersionsAsync(service);
        var client = service.Client(service.AdminKey);

        var set = await JsonAsync(await client.PutAsJsonAsync("/v1/usecases/toy/challenger", new { version = challenger, mode = "shadow", percent = 50, reason = "compare" }));
        Assert.Equal(challenger, set.GetProperty("challenger").GetProperty("version").GetString());
        var inShare = 0;
        for (var i = 0; i < 200; i++)
        {
            var answer = await JsonAsync(await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { entity_id = $"c{i}", inputs = new { x = i % 10, colour = i % 2 == 0 ? "red" : "blue" } }));
            Assert.Equal(champion, answer.GetProperty("model_version").GetString());
            inShare += Graft.Rollout.Cohorts.Contains(50, Graft.Rollout.Cohorts.CanaryGroup("toy"), $"c{i}") ? 1 : 0;
        }
        JsonElement report;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(200); // the scorer saves about once a second
            report = await JsonAsync(await client.GetAsync("/v1/usecases/toy/challenger/report"));
        }
        while (report.GetProperty("compared").GetInt64() < inShare && DateTime.UtcNow < deadline);

        Assert.Equal(inShare, report.GetProperty("compared").GetInt64());
        Assert.Equal(inShare, report.GetProperty("paired").GetInt64());
        Assert.Equal(challenger, report.GetProperty("challenger").GetProperty("version").GetString());
        Assert.InRange(report.GetProperty("label_agreement").GetDouble(), 0, 1);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("champion").GetProperty("live_quality").ValueKind);
        Assert.True(report.GetProperty("disagreements").GetArrayLength() > 0);
        var status = await JsonAsync(await client.GetAsync("/v1/usecases/toy/status"));
        Assert.Equal("shadow", status.GetProperty("challenger").GetProperty("mode").GetString());
    }
}
