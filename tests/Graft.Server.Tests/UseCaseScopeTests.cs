using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Graft.Governance;

namespace Graft.Server.Tests;

/// <summary>A key limited to one use case (any role) acts on that use case only, whatever the route.</summary>
public class UseCaseScopeTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n";
    private const string OutOfScope = "https://graft.dev/problems/out-of-scope";

    /// <summary>A service with toy (untrained, the keys' use case) and other (trained when asked, another use case).</summary>
    private static async Task<TestService> StartAsync(bool trainOther = false)
    {
        var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);
        await service.UseCaseAsync(Spec.Replace("id: toy", "id: other"), train: trainOther);
        return service;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task AssertOutOfScopeAsync(HttpResponseMessage response, string scope = "toy")
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal(OutOfScope, problem.GetProperty("type").GetString());
        Assert.Contains($"limited to use case '{scope}'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_key_scoped_to_one_use_case_cannot_promote_a_model_of_another()
    {
        await using var service = await StartAsync(trainOther: true);
        var champion = (await new Graft.UseCases.UseCaseCatalog(service.Home).GetAsync("other", default)).UseCase.ChampionVersion;
        var challenger = (await new Graft.Registry.ModelRegistry(service.Home).ListAsync("other", default)).First(v => v.Id != champion).Id;
        var maintainer = service.Client(await service.KeyAsync(Role.Maintainer, "toy"));

        var response = await maintainer.PostAsJsonAsync($"/v1/models/{challenger}/promote", new { reason = "not mine to promote" });

        await AssertOutOfScopeAsync(response);
        Assert.Equal(champion, (await new Graft.UseCases.UseCaseCatalog(service.Home).GetAsync("other", default)).UseCase.ChampionVersion);
        Assert.Single(await new Graft.Registry.ModelRegistry(service.Home).HistoryAsync("other", default)); // the first training's crowning only
    }

    [Fact]
    public async Task A_key_scoped_to_one_use_case_cannot_read_a_model_version_of_another()
    {
        await using var service = await StartAsync(trainOther: true);
        var viewer = service.Client(await service.KeyAsync(Role.Viewer, "toy"));

        await AssertOutOfScopeAsync(await viewer.GetAsync("/v1/models/other-v1"));
        await AssertOutOfScopeAsync(await viewer.GetAsync("/v1/usecases/other/models"));
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/v1/models/toy-v1")).StatusCode); // toy has no versions: nothing to hide
        Assert.Equal(HttpStatusCode.OK, (await service.Client(await service.KeyAsync(Role.Viewer, "other")).GetAsync("/v1/models/other-v1")).StatusCode);
    }

    [Fact]
    public async Task A_key_scoped_to_one_use_case_cannot_read_a_job_of_another()
    {
        await using var service = await StartAsync();
        await using (var db = service.Home.CreateDb())
        {
            foreach (var useCase in new[] { "toy", "other" })
            {
                var job = new Graft.Training.TrainingJobRecord($"job-{useCase}", useCase, null, service.Home.Now);
                job.Fail("stopped", service.Home.Now);
                db.TrainingJobs.Add(job);
            }
            await db.SaveChangesAsync();
        }
        var viewer = service.Client(await service.KeyAsync(Role.Viewer, "toy"));

        await AssertOutOfScopeAsync(await viewer.GetAsync("/v1/jobs/job-other"));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/v1/jobs/job-toy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/v1/jobs/job-never-was")).StatusCode);
    }

    [Fact]
    public async Task A_key_scoped_to_one_use_case_cannot_queue_training_for_another_and_queues_nothing()
    {
        await using var service = await StartAsync();
        var maintainer = service.Client(await service.KeyAsync(Role.Maintainer, "toy"));

        await AssertOutOfScopeAsync(await maintainer.PostAsJsonAsync("/v1/usecases/other/train", new { }));

        await using var db = service.Home.CreateDb();
        Assert.Empty(db.TrainingJobs);
    }

    [Fact]
    public async Task A_key_scoped_to_one_use_case_is_refused_before_its_body_is_read()
    {
        await using var service = await StartAsync();
        var app = service.Client(await service.KeyAsync(Role.App, "toy"));
        var maintainer = service.Client(await service.KeyAsync(Role.Maintainer, "toy"));

        await AssertOutOfScopeAsync(await app.PostAsync("/v1/usecases/other/predict", new StringContent("{not json", Encoding.UTF8, "application/json")));
        await AssertOutOfScopeAsync(await maintainer.PutAsync("/v1/usecases/other/spec", new StringContent("id: [broken", Encoding.UTF8, "text/csv")));
        Assert.Equal(1, (await new Graft.UseCases.UseCaseCatalog(service.Home).GetAsync("other", default)).UseCase.Revision);
    }

    [Fact]
    public async Task A_key_scoped_to_one_use_case_cannot_audit_or_train_on_a_dataset_only_another_holds()
    {
        await using var service = await StartAsync();
        var otherData = Graft.Testing.ToyData.Csv(200, seed: 9);
        var imported = await new Graft.Data.DatasetCatalog(service.Home).ImportAsync("other", Encoding.UTF8.GetBytes(otherData), "other.csv", Testing.TestActors.Tester, default);
        var maintainer = service.Client(await service.KeyAsync(Role.Maintainer, "toy"));

        var audit = await maintainer.PostAsync($"/v1/usecases/toy/datasets/{imported.Version.Id}/audit", null);
        var train = await maintainer.PostAsJsonAsync("/v1/usecases/toy/train", new { dataset = imported.Version.Id });

        Assert.Equal(HttpStatusCode.NotFound, audit.StatusCode);
        Assert.Contains("use case 'toy' has no dataset version", (await JsonAsync(audit)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, train.StatusCode);
        await using var db = service.Home.CreateDb();
        Assert.Empty(db.TrainingJobs);
    }

    [Fact]
    public async Task Listing_use_cases_with_a_scoped_viewer_key_shows_only_its_use_case()
    {
        await using var service = await StartAsync();

        var scoped = await JsonAsync(await service.Client(await service.KeyAsync(Role.Viewer, "toy")).GetAsync("/v1/usecases"));
        var unscoped = await JsonAsync(await service.Client(await service.KeyAsync(Role.Viewer)).GetAsync("/v1/usecases"));

        Assert.Equal(["toy"], scoped.EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        Assert.Equal(["other", "toy"], unscoped.EnumerateArray().Select(u => u.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_scoped_admin_key_cannot_create_an_unscoped_key_or_one_for_another_use_case()
    {
        await using var service = await StartAsync();
        var admin = service.Client(await service.KeyAsync(Role.Admin, "toy"));
        var before = (await new KeyStore(service.Home).ListAsync(default)).Count;

        await AssertOutOfScopeAsync(await admin.PostAsJsonAsync("/v1/keys", new { role = "admin" }));
        await AssertOutOfScopeAsync(await admin.PostAsJsonAsync("/v1/keys", new { role = "viewer", use_case = "other" }));
        Assert.Equal(before, (await new KeyStore(service.Home).ListAsync(default)).Count);

        var created = await admin.PostAsJsonAsync("/v1/keys", new { role = "maintainer", use_case = "toy" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("toy", (await JsonAsync(created)).GetProperty("use_case").GetString());
    }

    [Fact]
    public async Task A_scoped_admin_key_lists_and_revokes_only_keys_of_its_use_case()
    {
        await using var service = await StartAsync();
        var admin = service.Client(await service.KeyAsync(Role.Admin, "toy"));
        var ownKey = await new KeyStore(service.Home).CreateAsync(Role.App, "toy", null, "toy app", Testing.TestActors.Tester, default);
        var otherKey = await new KeyStore(service.Home).CreateAsync(Role.App, "other", null, "other app", Testing.TestActors.Tester, default);
        var unscopedKey = await new KeyStore(service.Home).CreateAsync(Role.Viewer, null, null, "dashboard", Testing.TestActors.Tester, default);

        var listed = await JsonAsync(await admin.GetAsync("/v1/keys"));

        Assert.All(listed.EnumerateArray(), k => Assert.Equal("toy", k.GetProperty("use_case").GetString()));
        Assert.Contains(ownKey.Key.Id, listed.EnumerateArray().Select(k => k.GetProperty("id").GetString()));
        await AssertOutOfScopeAsync(await admin.DeleteAsync($"/v1/keys/{otherKey.Key.Id}"));
        await AssertOutOfScopeAsync(await admin.DeleteAsync($"/v1/keys/{unscopedKey.Key.Id}"));
        Assert.Equal(HttpStatusCode.OK, (await service.Client(otherKey.Secret).PostAsJsonAsync("/v1/usecases/other/predict", new { inputs = new { x = 1 } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/v1/keys/{ownKey.Key.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client(ownKey.Secret).PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { x = 1 } })).StatusCode);
    }

    [Fact]
    public async Task A_scoped_key_gets_403_from_metrics_saying_it_spans_every_use_case()
    {
        await using var service = await StartAsync();

        var response = await service.Client(await service.KeyAsync(Role.Viewer, "toy")).GetAsync("/metrics");

        await AssertOutOfScopeAsync(response);
        Assert.Contains("spans every use case", (await JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await service.Client(await service.KeyAsync(Role.Viewer)).GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_scoped_key_gets_the_protocols_error_body_from_a_v2_model_of_another_use_case()
    {
        await using var service = await StartAsync();

        var response = await service.Client(await service.KeyAsync(Role.Viewer, "toy")).GetAsync("/v2/models/other");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("limited to use case 'toy'", (await JsonAsync(response)).GetProperty("error").GetString());
    }
}
