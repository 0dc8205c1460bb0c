using System.Net;
using System.Text.Json;

namespace Graft.Server.Tests;

/// <summary>The protocol's health routes: the server probes, as Kubernetes calls them (without a key), and model readiness.</summary>
public class OpenInferenceHealthTests
{
    [Fact]
    public async Task Health_live_and_ready_answer_a_probe_without_a_key()
    {
        await using var service = await TestService.StartAsync();
        var probe = service.Client();

        var live = await probe.GetAsync("/v2/health/live");
        var ready = await probe.GetAsync("/v2/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement.GetProperty("live").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("ready").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await probe.GetAsync("/v2")).StatusCode);
    }

    [Fact]
    public async Task Health_ready_answers_400_and_not_ready_when_the_store_does_not_answer()
    {
        await using var service = await TestService.StartAsync();
        Directory.Delete(service.Root, recursive: true);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var ready = await service.Client().GetAsync("/v2/health/ready");

        Assert.Equal(HttpStatusCode.BadRequest, ready.StatusCode); // the protocol: 200 is ready, 4xx is not
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("ready").GetBoolean());
        Assert.Equal("the store does not answer", body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await service.Client().GetAsync("/v2/health/live")).StatusCode);
    }

    [Theory]
    [InlineData("/v2/models/toy/ready", 400, "model 'toy' has no champion yet")]
    [InlineData("/v2/models/toy/versions/1/ready", 404, "no version 1 of 'toy'")]
    [InlineData("/v2/models/nope/ready", 404, "no model 'nope'")]
    public async Task Model_ready_answers_a_4xx_and_not_ready_when_the_model_cannot_answer(string path, int status, string why)
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Graft.Testing.ToyData.Spec + "\n", train: false);

        var ready = await service.Client(service.AdminKey).GetAsync(path);

        Assert.Equal((HttpStatusCode)status, ready.StatusCode); // a client that reads only the status must not take it as ready
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("ready").GetBoolean());
        Assert.Equal(why, body.GetProperty("error").GetString());
    }
}
