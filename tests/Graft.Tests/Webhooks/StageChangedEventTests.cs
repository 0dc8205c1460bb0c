using System.Text.Json;
using Graft.Governance;
using Graft.Rollout;
using Graft.Testing;
using Graft.Tests.Storage;
using Graft.UseCases;
using Graft.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Webhooks;

/// <summary>A change of the rollout publishes <c>stage.changed</c> in the transaction of the change: with it, or not at all.</summary>
public class StageChangedEventTests
{
    private static async Task<(TempHome Temp, WebhookView Webhook)> SubscribedAsync(params string[] events)
    {
        var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(ToyData.Spec, "toy.yaml", TestActors.Tester, default);
        await new UseCaseCatalog(temp.Home).ApplyAsync(ToyData.Spec.Replace("id: toy", "id: other"), "other.yaml", TestActors.Tester, default);
        var webhook = await new WebhookRegistry(temp.Home).AddAsync("toy", "https://app.example.com/x", events, [], TestActors.Tester, default);
        return (temp, webhook);
    }

    private static async Task<List<WebhookDelivery>> DeliveriesAsync(TempHome temp)
    {
        await using var db = temp.Home.CreateDb();
        return await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.CreatedAt).ToListAsync();
    }

    [Fact]
    public async Task A_kill_queues_one_stage_changed_delivery_whose_envelope_names_the_stage_and_who()
    {
        var (temp, webhook) = await SubscribedAsync("stage.changed");
        await using var _ = temp;

        await new RolloutControl(temp.Home).KillAsync("toy", "scores look wrong", Actor.Key("key_ops", "maintainer"), default);

        var delivery = Assert.Single(await DeliveriesAsync(temp));
        Assert.Equal((webhook.Id, "toy", "stage.changed", DeliveryStatus.Pending, 0), (delivery.SubscriptionId, delivery.UseCaseId, delivery.EventType, delivery.Status, delivery.Attempts));
        Assert.Equal(temp.Home.Now, delivery.NextAttemptAt);
        Assert.Equal($$$"""{"id":"{{{delivery.EventId}}}","type":"stage.changed","created_at":"2026-01-01T09:00:00Z","use_case":"toy","data":{"stage":"shadow","cohort_percent":100,"killed":true,"reason":"scores look wrong","by":"key:key_ops"}}""",
            delivery.PayloadJson);
        Assert.StartsWith("evt_", delivery.EventId);
    }

    [Fact]
    public async Task A_refused_stage_change_queues_nothing()
    {
        var (temp, _) = await SubscribedAsync("stage.changed");
        await using var _t = temp;

        await Assert.ThrowsAsync<GraftException>(() => new RolloutControl(temp.Home).ChangeStageAsync("toy", new StageChange(Stage.Auto, null, "skip"), TestActors.Tester, default));
        await Assert.ThrowsAsync<GraftException>(() => new RolloutControl(temp.Home).KillAsync("toy", "", TestActors.Tester, default));

        Assert.Empty(await DeliveriesAsync(temp));
    }

    [Fact]
    public async Task Only_webhooks_of_the_use_case_that_subscribed_to_the_event_get_it()
    {
        var (temp, _) = await SubscribedAsync("review.created");
        await using var _t = temp;
        await new WebhookRegistry(temp.Home).AddAsync("other", "https://app.example.com/y", ["stage.changed"], [], TestActors.Tester, default);

        await new RolloutControl(temp.Home).KillAsync("toy", "checking", TestActors.Tester, default);

        Assert.Empty(await DeliveriesAsync(temp));
    }

    [Fact]
    public async Task An_event_added_in_a_change_that_fails_leaves_no_delivery()
    {
        var (temp, _) = await SubscribedAsync("stage.changed");
        await using var _t = temp;

        await Assert.ThrowsAsync<InvalidOperationException>(() => new AuditTrail(temp.Home).CommitAsync<int>(TestActors.Tester, async (db, ct) =>
        {
            await WebhookEvents.AddAsync(db, "toy", WebhookEventTypes.StageChanged, new { stage = "off" }, temp.Home.Now, ct);
            await db.SaveChangesAsync(ct); // written in the transaction…
            throw new InvalidOperationException("the act fails after");
        }, default));

        Assert.Empty(await DeliveriesAsync(temp)); // …and rolled back with it
    }

    [Fact]
    public async Task Every_delivery_of_one_event_carries_the_same_event_id_and_body()
    {
        var (temp, _) = await SubscribedAsync("stage.changed");
        await using var _t = temp;
        await new WebhookRegistry(temp.Home).AddAsync("toy", "https://other.example.com/x", ["stage.changed", "alert.firing"], [], TestActors.Tester, default);

        await new RolloutControl(temp.Home).KillAsync("toy", "checking", TestActors.Tester, default);

        var deliveries = await DeliveriesAsync(temp);
        Assert.Equal(2, deliveries.Count);
        Assert.Single(deliveries.Select(d => (d.EventId, d.PayloadJson)).Distinct());
        Assert.Equal(2, deliveries.Select(d => d.Id).Distinct().Count());
        Assert.Equal(deliveries[0].EventId, JsonDocument.Parse(deliveries[0].PayloadJson).RootElement.GetProperty("id").GetString());
    }
}
