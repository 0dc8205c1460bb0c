using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Graft.Governance;
using Microsoft.EntityFrameworkCore;

namespace Graft.Server.Tests;

public class TrailEndpointTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string> KeyIdAsync(TestService service, string secret) =>
        (await new KeyStore(service.Home).FindAsync(KeyStore.Hash(secret), default))!.Id;

    [Fact]
    public async Task Every_act_over_the_api_is_an_entry_by_the_calling_key()
    {
        await using var service = await TestService.StartAsync();
        var maintainerKey = await service.KeyAsync(Role.Maintainer);
        var maintainer = service.Client(maintainerKey);
        var admin = service.Client(service.AdminKey);

        Assert.Equal(HttpStatusCode.OK, (await maintainer.PutAsync("/v1/usecases/toy/spec", new StringContent(Spec, Encoding.UTF8, "application/yaml"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await maintainer.PostAsync("/v1/usecases/toy/datasets?name=toy.csv", new StringContent(Graft.Testing.ToyData.Csv(300), Encoding.UTF8, "text/csv"))).StatusCode);
        var job = (await maintainer.PostAsJsonAsync("/v1/usecases/toy/train", new { })).Headers.Location!.ToString();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await JsonAsync(await maintainer.GetAsync(job))).GetProperty("status").GetString() is "queued" or "running" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        var champion = (await new Graft.UseCases.UseCaseCatalog(service.Home).GetAsync("toy", default)).UseCase.ChampionVersion!;
        var other = (await new Graft.Registry.ModelRegistry(service.Home).ListAsync("toy", default)).First(v => v.Id != champion).Id;
        Assert.Equal(HttpStatusCode.OK, (await maintainer.PostAsJsonAsync($"/v1/models/{other}/promote", new { reason = "try it" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await maintainer.PostAsJsonAsync("/v1/usecases/toy/rollback", new { reason = "worse" })).StatusCode);
        var key = (await JsonAsync(await admin.PostAsJsonAsync("/v1/keys", new { role = "app", use_case = "toy" }))).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/v1/keys/{key}")).StatusCode);

        var trail = (await JsonAsync(await maintainer.GetAsync("/v1/usecases/toy/trail"))).EnumerateArray().ToList();

        Assert.Equal(["usecase.applied", "data.imported", "training.run", "model.promoted", "model.rolled_back", "key.created", "key.revoked"],
            trail.Select(e => e.GetProperty("act").GetString()));
        var (maintainerId, adminId) = (await KeyIdAsync(service, maintainerKey), await KeyIdAsync(service, service.AdminKey));
        Assert.Equal([.. Enumerable.Repeat($"key:{maintainerId}/maintainer", 5), $"key:{adminId}/admin", $"key:{adminId}/admin"],
            trail.Select(e => $"{e.GetProperty("actor").GetString()}/{e.GetProperty("role").GetString()}"));
        Assert.Contains($"\"champion\":\"{champion}\"", trail[2].GetProperty("after").GetString());
        Assert.Equal(("try it", other), (trail[3].GetProperty("reason").GetString(), trail[3].GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task A_key_limited_to_a_use_case_reads_only_that_use_cases_entries()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);
        await service.UseCaseAsync(Spec.Replace("id: toy", "id: other"), train: false);
        var scoped = service.Client(await service.KeyAsync(Role.Admin, "toy"));

        var all = await JsonAsync(await service.Client(service.AdminKey).GetAsync("/v1/trail"));
        var toys = await JsonAsync(await scoped.GetAsync("/v1/trail"));
        var others = await scoped.GetAsync("/v1/trail?usecase=other");

        Assert.Contains(all.EnumerateArray(), e => e.GetProperty("use_case").GetString() == "other");
        Assert.Contains(all.EnumerateArray(), e => e.GetProperty("use_case").ValueKind == JsonValueKind.Null); // the first admin key
        Assert.Equal(3, toys.GetArrayLength()); // applied, imported, and the scoped key made for the test
        Assert.All(toys.EnumerateArray(), e => Assert.Equal("toy", e.GetProperty("use_case").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
        Assert.Equal("https://graft.dev/problems/out-of-scope", (await JsonAsync(others)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_latest_entries_come_oldest_first_up_to_the_limit()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);
        for (var i = 0; i < 5; i++)
        {
            await service.KeyAsync(Role.Viewer, "toy");
        }

        var latest = await JsonAsync(await service.Client(service.AdminKey).GetAsync("/v1/usecases/toy/trail?limit=3"));
        var bad = await service.Client(service.AdminKey).GetAsync("/v1/usecases/toy/trail?limit=many");

        Assert.Equal([6, 7, 8], latest.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32())); // 2 to 8 are toy's (1 is the first admin key)
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("1 to 10,000", (await JsonAsync(bad)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Verification_names_the_first_entry_changed_behind_the_services_back()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);
        var admin = service.Client(service.AdminKey);

        var whole = await JsonAsync(await admin.GetAsync("/v1/trail/verification"));
        await using (var db = service.Home.CreateDb())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE TrailEntries SET Subject = 'ds-000000000000' WHERE Sequence = 3");
        }
        var tampered = await JsonAsync(await admin.GetAsync("/v1/trail/verification"));

        Assert.Equal((true, 3, JsonValueKind.Null), (whole.GetProperty("ok").GetBoolean(), whole.GetProperty("entries").GetInt32(), whole.GetProperty("first_bad").ValueKind));
        Assert.Equal((false, 3), (tampered.GetProperty("ok").GetBoolean(), tampered.GetProperty("first_bad").GetInt32()));
        Assert.Contains("does not match its hash", tampered.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task The_state_at_an_instant_names_the_champion_in_force_and_the_entry_that_crowned_it()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        var viewer = service.Client(await service.KeyAsync(Role.Viewer, "toy"));
        var champion = (await new Graft.UseCases.UseCaseCatalog(service.Home).GetAsync("toy", default)).UseCase.ChampionVersion;

        var now = await JsonAsync(await viewer.GetAsync($"/v1/usecases/toy/trail/at?time={DateTime.UtcNow:O}"));
        var missing = await viewer.GetAsync("/v1/usecases/toy/trail/at");

        Assert.Equal((champion, "training.run"), (now.GetProperty("champion").GetProperty("value").GetString(), now.GetProperty("champion").GetProperty("act").GetString()));
        Assert.Equal(("shadow", 100), (now.GetProperty("stage").GetProperty("value").GetString(), now.GetProperty("cohort_percent").GetProperty("value").GetInt32()));
        Assert.Equal(JsonValueKind.Null, now.GetProperty("killed").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("https://graft.dev/problems/invalid", (await JsonAsync(missing)).GetProperty("type").GetString());
    }
}
