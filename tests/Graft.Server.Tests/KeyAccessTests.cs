using System.Net;
using System.Net.Http.Json;
using Graft.Governance;

namespace Graft.Server.Tests;

public class KeyAccessTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n";
    private static readonly object Body = new { inputs = new { x = 1, colour = "red" } };

    [Fact]
    public async Task Without_a_key_predict_is_401_and_liveness_is_open()
    {
        await using var service = await TestService.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client().PostAsJsonAsync("/v1/usecases/toy/predict", Body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client("graft_not-a-real-key").PostAsJsonAsync("/v1/usecases/toy/predict", Body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client().GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client().GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task An_app_key_predicts_for_its_use_case_only()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);
        await service.UseCaseAsync(Spec.Replace("id: toy", "id: other"), train: false);
        var app = await service.KeyAsync(Role.App, "toy");

        Assert.Equal(HttpStatusCode.OK, (await service.Client(app).PostAsJsonAsync("/v1/usecases/toy/predict", Body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Client(app).PostAsJsonAsync("/v1/usecases/other/predict", Body)).StatusCode);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Reviewer)]
    public async Task Roles_without_predict_get_403(Role role)
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);

        var response = await service.Client(await service.KeyAsync(role)).PostAsJsonAsync("/v1/usecases/toy/predict", Body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_through_the_service_stops_working_at_once()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);
        var created = await new KeyStore(service.Home).CreateAsync(Role.Maintainer, null, null, null, Testing.TestActors.Tester, default);
        var client = service.Client(created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/usecases/toy/predict", Body)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await service.Client(service.AdminKey).DeleteAsync($"/v1/keys/{created.Key.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/v1/usecases/toy/predict", Body)).StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_by_another_process_stops_working_within_the_freshness_window()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await TestService.StartAsync(time: time);
        await service.UseCaseAsync(Spec, train: false);
        var created = await new KeyStore(service.Home).CreateAsync(Role.Maintainer, null, null, null, Testing.TestActors.Tester, default);
        var client = service.Client(created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/usecases/toy/predict", Body)).StatusCode);

        await new KeyStore(service.Home).RevokeAsync(created.Key.Id, Testing.TestActors.Tester, default); // as graft keys revoke does, beside the server
        time.Advance(Graft.Storage.GraftHome.Freshness);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/v1/usecases/toy/predict", Body)).StatusCode);
    }

    [Fact]
    public async Task Keys_are_stored_as_hashes_only()
    {
        await using var service = await TestService.StartAsync();
        var created = await new KeyStore(service.Home).CreateAsync(Role.Viewer, null, null, null, Testing.TestActors.Tester, default);

        var stored = (await new KeyStore(service.Home).ListAsync(default)).Single(k => k.Id == created.Key.Id);

        Assert.Equal(KeyStore.Hash(created.Secret!), stored.SecretSha256);
        Assert.DoesNotContain(created.Secret!, File.ReadAllText(Path.Combine(service.Root, "graft.db")) + ReadWal(service.Root));
    }

    [Fact]
    public async Task A_short_bootstrap_key_is_refused()
    {
        var root = Path.Combine(Path.GetTempPath(), "graft-boot-" + Guid.NewGuid().ToString("N")[..8]);
        var home = await Graft.Storage.GraftHome.OpenAsync(root);

        var error = await Assert.ThrowsAsync<GraftException>(() => new KeyStore(home).BootstrapAsync("too-short", Testing.TestActors.Tester, default));

        Assert.Contains("at least 32 characters", error.Message);
        var accepted = await new KeyStore(home).BootstrapAsync(new string('k', 32), Testing.TestActors.Tester, default);
        Assert.Null(accepted!.Secret);
        Assert.NotNull(await new KeyCache(home).VerifyAsync(new string('k', 32), default));
    }

    private static string ReadWal(string root)
    {
        var wal = Path.Combine(root, "graft.db-wal");
        if (!File.Exists(wal))
        {
            return "";
        }
        using var stream = new FileStream(wal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
