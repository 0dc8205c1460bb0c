using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Graft.Server.Webhooks;
using Graft.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Graft.Server.Tests.Webhooks;

/// <summary>Events sent by the service to a receiver on 127.0.0.1: signed, with their headers, retried, and given up after a day.</summary>
public class WebhookDeliveryTests
{
    /// <summary>The schedule shrunk for tests: polled every 50 ms, retried after 100 ms, without jitter.</summary>
    private static readonly Dictionary<string, string?> Fast = new()
    {
        ["Graft:Webhooks:PollInterval"] = "00:00:00.05", ["Graft:Webhooks:FirstRetry"] = "00:00:00.1", ["Graft:Webhooks:Jitter"] = "0",
    };

    private static async Task<(TestService Service, string Secret)> SubscribedAsync(string url, IDictionary<string, string?>? settings = null,
        TimeProvider? time = null, string? root = null)
    {
        var service = await TestService.StartAsync(settings ?? Fast, time, root);
        if (root is null)
        {
            await service.UseCaseAsync(Graft.Testing.ToyData.Spec, train: false);
        }
        var created = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/webhooks", new { url, events = new[] { "stage.changed" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (service, JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!);
    }

    private static async Task<JsonElement> DeliveriesAsync(TestService service, string query = "") =>
        JsonDocument.Parse(await service.Client(service.AdminKey).GetStringAsync("/v1/usecases/toy/webhooks/deliveries" + query)).RootElement;

    private static async Task<JsonElement> DeliveredAsync(TestService service)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var delivery = (await DeliveriesAsync(service))[0];
            if (delivery.GetProperty("status").GetString() != "pending" || DateTime.UtcNow > deadline)
            {
                return delivery;
            }
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_kill_reaches_the_receiver_signed_with_the_webhooks_secret_and_named_in_its_headers()
    {
        await using var receiver = await Receiver.StartAsync();
        var (service, secret) = await SubscribedAsync(receiver.Url);
        await using var _ = service;

        var kill = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/kill", new { reason = "scores look wrong" });

        Assert.Equal(HttpStatusCode.OK, kill.StatusCode);
        var request = Assert.Single(await receiver.WaitForAsync(1));
        var delivery = await DeliveredAsync(service);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("stage.changed", request.Headers["Graft-Event"]);
        Assert.Equal(delivery.GetProperty("id").GetString(), request.Headers["Graft-Delivery"]);
        Assert.True(WebhookSignature.Verify(request.Headers["Graft-Signature"], secret, request.Body, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(request.Headers["Graft-Signature"], secret, request.Body.Replace("true", "false"), DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance));
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(("stage.changed", "toy", delivery.GetProperty("event_id").GetString()), (body.GetProperty("type").GetString(), body.GetProperty("use_case").GetString(), body.GetProperty("id").GetString()));
        Assert.True(body.GetProperty("data").GetProperty("killed").GetBoolean());
        Assert.Equal("scores look wrong", body.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(("delivered", 1, 200), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32(), delivery.GetProperty("last_status_code").GetInt32()));
    }

    [Fact]
    public async Task A_refused_stage_change_sends_nothing()
    {
        await using var receiver = await Receiver.StartAsync();
        var (service, _) = await SubscribedAsync(receiver.Url);
        await using var _s = service;

        var skip = await service.Client(service.AdminKey).PutAsJsonAsync("/v1/usecases/toy/stage", new { stage = "auto", reason = "skip a step" });

        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        await Task.Delay(300); // six polls
        Assert.Empty(receiver.Requests);
        Assert.Equal(0, (await DeliveriesAsync(service)).GetArrayLength());
    }

    [Fact]
    public async Task A_receiver_failing_twice_then_answering_gets_three_attempts_of_the_same_delivery()
    {
        await using var receiver = await Receiver.StartAsync(500, 503);
        var (service, secret) = await SubscribedAsync(receiver.Url);
        await using var _ = service;

        await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/kill", new { reason = "checking" });

        var requests = await receiver.WaitForAsync(3);
        var delivery = await DeliveredAsync(service);
        Assert.Equal(("delivered", 3, 200), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32(), delivery.GetProperty("last_status_code").GetInt32()));
        Assert.Single(requests.Select(r => (r.Headers["Graft-Delivery"], r.Body)).Distinct());
        Assert.All(requests, r => Assert.True(WebhookSignature.Verify(r.Headers["Graft-Signature"], secret, r.Body, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance)));
        await Task.Delay(300);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_receiver_down_for_more_than_a_day_gets_32_attempts_and_the_delivery_fails()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (service, _) = await SubscribedAsync(Receiver.Down(), new Dictionary<string, string?> { ["Graft:Webhooks:Enabled"] = "false", ["Graft:Webhooks:Jitter"] = "0" }, time);
        await using var _s = service;
        await new Graft.Rollout.RolloutControl(service.Home).KillAsync("toy", "checking", Graft.Testing.TestActors.Tester, default);
        var sender = service.Services.GetRequiredService<WebhookSender>();
        var start = time.GetUtcNow();

        JsonElement delivery;
        for (var passes = 0; ; passes++)
        {
            Assert.Equal(1, await sender.SendDueAsync(default));
            delivery = (await DeliveriesAsync(service))[0];
            if (delivery.GetProperty("status").GetString() != "pending" || passes > 100)
            {
                break;
            }
            time.SetUtcNow(delivery.GetProperty("next_attempt_at").GetDateTime());
        }

        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Equal(32, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("last_status_code").ValueKind);
        Assert.Equal(84_310, (time.GetUtcNow() - start).TotalSeconds, 0.01);
        Assert.Equal(0, await sender.SendDueAsync(default));
    }

    [Fact]
    public async Task A_failed_delivery_redelivered_reaches_the_receiver_as_a_new_delivery_of_the_same_event()
    {
        await using var receiver = await Receiver.StartAsync(410);
        var (service, _) = await SubscribedAsync(receiver.Url, new Dictionary<string, string?>(Fast) { ["Graft:Webhooks:RetryFor"] = "00:00:00" });
        await using var _s = service;
        await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/kill", new { reason = "checking" });
        var failed = await DeliveredAsync(service);
        Assert.Equal(("failed", 410), (failed.GetProperty("status").GetString(), failed.GetProperty("last_status_code").GetInt32()));

        var again = await service.Client(service.AdminKey).PostAsync($"/v1/webhooks/deliveries/{failed.GetProperty("id").GetString()}/redeliver", null);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var requests = await receiver.WaitForAsync(2);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.NotEqual(requests[0].Headers["Graft-Delivery"], requests[1].Headers["Graft-Delivery"]);
        var log = await DeliveriesAsync(service);
        Assert.Equal(2, log.GetArrayLength());
        Assert.Equal(1, (await DeliveriesAsync(service, "?status=failed")).GetArrayLength());
    }

    [Fact]
    public async Task Two_servers_sharing_a_store_deliver_each_event_exactly_once()
    {
        await using var receiver = await Receiver.StartAsync();
        var (first, _) = await SubscribedAsync(receiver.Url);
        await using var _f = first;
        await using var second = await TestService.StartAsync(Fast, root: first.Root);
        const int Events = 30;

        for (var i = 0; i < Events; i++)
        {
            var control = new Graft.Rollout.RolloutControl(first.Home);
            await (i % 2 == 0 ? control.KillAsync("toy", $"round {i}", Graft.Testing.TestActors.Tester, default) : control.ReviveAsync("toy", $"round {i}", Graft.Testing.TestActors.Tester, default));
        }

        var requests = await receiver.WaitForAsync(Events);
        await Task.Delay(500); // room for a second copy of any of them
        Assert.Equal(Events, receiver.Requests.Count);
        Assert.Equal(Events, requests.Select(r => r.Headers["Graft-Delivery"]).Distinct().Count());
        Assert.Equal(Events, (await DeliveriesAsync(first, "?status=delivered")).GetArrayLength());
    }

    [Fact]
    public async Task A_failed_attempt_is_a_warning_with_its_event_id_that_names_neither_the_secret_nor_the_path()
    {
        await using var receiver = await Receiver.StartAsync(500);
        await using var service = await TestService.StartAsync(Fast, configure: b => b.Services.AddFakeLogging());
        await service.UseCaseAsync(Graft.Testing.ToyData.Spec, train: false);
        var created = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/webhooks", new { url = receiver.Url + "?token=t0k3n", events = new[] { "stage.changed" } });
        var secret = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;

        await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/kill", new { reason = "checking" });
        await receiver.WaitForAsync(2);

        var logs = service.Services.GetFakeLogCollector().GetSnapshot();
        var warning = Assert.Single(logs, l => l.Id.Id == 6001);
        Assert.Equal(("DeliveryAttemptFailed", LogLevel.Warning, "Graft.Server.Webhooks.WebhookSender"), (warning.Id.Name, warning.Level, warning.Category));
        Assert.Contains("500", warning.Message);
        Assert.All(logs, l => Assert.DoesNotContain(secret, l.Message));
        Assert.All(logs, l => Assert.DoesNotContain("t0k3n", l.Message));
        Assert.All(logs, l => Assert.DoesNotContain("/graft-events", l.Message));
    }
}
