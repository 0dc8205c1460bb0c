using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Graft.Governance;
using Microsoft.EntityFrameworkCore;

namespace Graft.Server.Tests.Webhooks;

public class WebhookApiTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<TestService> ToyAsync(bool kestrel = false)
    {
        var service = await TestService.StartAsync(kestrel: kestrel);
        await service.UseCaseAsync(Graft.Testing.ToyData.Spec, train: false);
        return service;
    }

    [Fact]
    public async Task A_webhook_is_created_with_its_secret_listed_without_it_and_removed_with_a_reason()
    {
        await using var service = await ToyAsync();
        var client = service.Client(service.AdminKey);

        var created = await client.PostAsJsonAsync("/v1/usecases/toy/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "stage.changed" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhook = await JsonAsync(created);
        var (id, secret) = (webhook.GetProperty("id").GetString()!, webhook.GetProperty("secret").GetString()!);
        Assert.StartsWith("whsec_", secret);
        var listed = await client.GetStringAsync("/v1/usecases/toy/webhooks");
        Assert.Contains(id, listed);
        Assert.DoesNotContain(secret, listed);
        Assert.DoesNotContain("\"secret\"", listed);

        using var remove = new HttpRequestMessage(HttpMethod.Delete, $"/v1/usecases/toy/webhooks/{id}") { Content = JsonContent.Create(new { reason = "moved" }) };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(remove)).StatusCode);
        Assert.Equal("[]", await client.GetStringAsync("/v1/usecases/toy/webhooks"));
        await using var db = service.Home.CreateDb();
        Assert.Equal([TrailActs.WebhookAdded, TrailActs.WebhookRemoved], await db.TrailEntries.Where(e => e.Subject == id).OrderBy(e => e.Sequence).Select(e => e.Act).ToListAsync());
        var added = await db.TrailEntries.FirstAsync(e => e.Subject == id);
        Assert.Equal(("admin", """{"url":"http://127.0.0.1:9/hook","events":["stage.changed"]}"""), (added.ActorRole, added.After));
        Assert.StartsWith("key:key_", added.ActorId);
    }

    [Theory]
    [InlineData("toy", """{"url": "ftp://app.example.com/x", "events": ["stage.changed"]}""", HttpStatusCode.BadRequest, "invalid", "not an http or https URL")]
    [InlineData("toy", """{"url": "/relative", "events": ["stage.changed"]}""", HttpStatusCode.BadRequest, "invalid", "not an http or https URL")]
    [InlineData("toy", """{"events": ["stage.changed"]}""", HttpStatusCode.BadRequest, "invalid", "needs a url")]
    [InlineData("toy", """{"url": "http://localhost/graft", "events": ["stage.changed"]}""", HttpStatusCode.BadRequest, "invalid", "own address")]
    [InlineData("toy", """{"url": "https://app.example.com/x", "events": ["stage.chnaged"]}""", HttpStatusCode.BadRequest, "invalid", "review.created, review.decided, stage.changed, alert.firing, alert.resolved")]
    [InlineData("toy", """{"url": "https://app.example.com/x", "events": []}""", HttpStatusCode.BadRequest, "invalid", "at least one event")]
    [InlineData("toy", """{"url": "https://app.example.com/x"}""", HttpStatusCode.BadRequest, "invalid", "at least one event")]
    [InlineData("nope", """{"url": "https://app.example.com/x", "events": ["stage.changed"]}""", HttpStatusCode.NotFound, "not-found", "no use case 'nope'")]
    public async Task A_webhook_that_is_not_allowed_is_a_4xx_problem_with_its_type_and_nothing_is_recorded(
        string useCase, string body, HttpStatusCode status, string type, string named)
    {
        await using var service = await ToyAsync();

        var response = await service.Client(service.AdminKey).PostAsync($"/v1/usecases/{useCase}/webhooks",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal($"https://graft.dev/problems/{type}", problem.GetProperty("type").GetString());
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        await using var db = service.Home.CreateDb();
        Assert.Equal(0, await db.WebhookSubscriptions.CountAsync());
        Assert.Equal(0, await db.TrailEntries.CountAsync(e => e.Act == TrailActs.WebhookAdded));
    }

    [Fact]
    public async Task A_url_at_the_address_the_server_listens_on_is_refused_and_another_port_of_it_is_not()
    {
        await using var service = await ToyAsync(kestrel: true);
        var client = service.Client(service.AdminKey);
        var own = client.BaseAddress!;

        var self = await client.PostAsJsonAsync("/v1/usecases/toy/webhooks", new { url = $"http://localhost:{own.Port}/v1/usecases", events = new[] { "stage.changed" } });
        var beside = await client.PostAsJsonAsync("/v1/usecases/toy/webhooks", new { url = $"http://127.0.0.1:{own.Port + 1}/hook", events = new[] { "stage.changed" } });

        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("own address", (await JsonAsync(self)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, beside.StatusCode);
    }

    [Theory]
    [InlineData("/v1/usecases/toy/webhooks/deliveries?status=lost", HttpStatusCode.BadRequest, "invalid")]
    [InlineData("/v1/usecases/toy/webhooks/deliveries?event=stage.moved", HttpStatusCode.BadRequest, "invalid")]
    [InlineData("/v1/usecases/toy/webhooks/deliveries?limit=0", HttpStatusCode.BadRequest, "invalid")]
    [InlineData("/v1/usecases/toy/webhooks/deliveries?limit=many", HttpStatusCode.BadRequest, "invalid")]
    [InlineData("/v1/usecases/nope/webhooks/deliveries", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/v1/usecases/nope/webhooks", HttpStatusCode.NotFound, "not-found")]
    public async Task A_delivery_log_query_that_is_not_one_is_a_4xx_problem(string path, HttpStatusCode status, string type)
    {
        await using var service = await ToyAsync();

        var response = await service.Client(service.AdminKey).GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal($"https://graft.dev/problems/{type}", (await JsonAsync(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Redelivering_an_unknown_delivery_or_removing_an_unknown_webhook_is_a_404_and_records_nothing()
    {
        await using var service = await ToyAsync();
        var client = service.Client(service.AdminKey);
        var entries = await TrailCountAsync(service);

        var redeliver = await client.PostAsync("/v1/webhooks/deliveries/whd_nope/redeliver", null);
        using var remove = new HttpRequestMessage(HttpMethod.Delete, "/v1/usecases/toy/webhooks/wh_nope") { Content = JsonContent.Create(new { reason = "gone" }) };
        var removed = await client.SendAsync(remove);

        Assert.Equal(HttpStatusCode.NotFound, redeliver.StatusCode);
        Assert.Equal("https://graft.dev/problems/not-found", (await JsonAsync(redeliver)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        Assert.Equal(entries, await TrailCountAsync(service));
        await using var db = service.Home.CreateDb();
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync());
    }

    private static async Task<int> TrailCountAsync(TestService service)
    {
        await using var db = service.Home.CreateDb();
        return await db.TrailEntries.CountAsync();
    }
}
