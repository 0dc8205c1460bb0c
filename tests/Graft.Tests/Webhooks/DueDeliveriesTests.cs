using Graft.Rollout;
using Graft.Testing;
using Graft.Tests.Storage;
using Graft.UseCases;
using Graft.Webhooks;

namespace Graft.Tests.Webhooks;

/// <summary>Claims on the delivery log: one process per attempt, held for the lease, and an outcome saved only while the claim holds.</summary>
public class DueDeliveriesTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static async Task<TempHome> KilledAsync()
    {
        var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(ToyData.Spec, "toy.yaml", TestActors.Tester, default);
        await new WebhookRegistry(temp.Home).AddAsync("toy", "https://app.example.com/x", ["stage.changed"], [], TestActors.Tester, default);
        await new RolloutControl(temp.Home).KillAsync("toy", "checking", TestActors.Tester, default);
        return temp;
    }

    [Fact]
    public async Task A_due_delivery_is_claimed_once_and_is_not_due_again_until_its_lease_ends()
    {
        await using var temp = await KilledAsync();
        var (first, second) = (new DueDeliveries(temp.Home), new DueDeliveries(temp.Home));

        var claimed = Assert.Single(await first.ClaimDueAsync(10, Lease, default));
        Assert.Empty(await second.ClaimDueAsync(10, Lease, default));
        temp.Time.Advance(Lease);

        var retaken = Assert.Single(await second.ClaimDueAsync(10, Lease, default)); // the first never said how it went
        Assert.Equal(claimed.Delivery.Id, retaken.Delivery.Id);
        Assert.False(await first.SaveAsync(claimed, d => d.Delivered(200, temp.Home.Now), default)); // its claim was lost
        Assert.True(await second.SaveAsync(retaken, d => d.Delivered(204, temp.Home.Now), default));
        var view = Assert.Single(await new DeliveryLog(temp.Home).ListAsync("toy", DeliveryStatus.Delivered, null, 10, default));
        Assert.Equal((1, 204, (DateTime?)null), (view.Attempts, view.LastStatusCode, view.NextAttemptAt));
    }

    [Fact]
    public async Task Processes_claiming_at_once_share_the_due_deliveries_without_overlap()
    {
        await using var temp = await KilledAsync();
        for (var i = 0; i < 20; i++)
        {
            await new RolloutControl(temp.Home).ReviveAsync("toy", $"round {i}", TestActors.Tester, default);
        }
        var claimers = Enumerable.Range(0, 4).Select(_ => new DueDeliveries(temp.Home)).ToList();

        var claims = await Task.WhenAll(claimers.Select(c => Task.Run(() => c.ClaimDueAsync(30, Lease, default))));

        var ids = claims.SelectMany(c => c).Select(c => c.Delivery.Id).ToList();
        Assert.Equal(21, ids.Count);
        Assert.Equal(21, ids.Distinct().Count());
    }

    [Fact]
    public async Task Redelivering_queues_a_copy_due_now_and_keeps_the_delivery_it_copies()
    {
        await using var temp = await KilledAsync();
        var queue = new DueDeliveries(temp.Home);
        var claimed = Assert.Single(await queue.ClaimDueAsync(10, Lease, default));
        await queue.SaveAsync(claimed, d => d.Missed(500, "HTTP 500", null), default);
        temp.Time.Advance(TimeSpan.FromDays(2));

        var again = await new DeliveryLog(temp.Home).RedeliverAsync(claimed.Delivery.Id, default);

        Assert.NotEqual(claimed.Delivery.Id, again.Id);
        Assert.Equal((claimed.Delivery.EventId, "pending", 0, temp.Home.Now), (again.EventId, again.Status, again.Attempts, again.NextAttemptAt));
        var log = await new DeliveryLog(temp.Home).ListAsync("toy", null, null, 10, default);
        Assert.Equal([(again.Id, "pending"), (claimed.Delivery.Id, "failed")], log.Select(d => (d.Id, d.Status)));
        Assert.Equal(again.Id, Assert.Single(await queue.ClaimDueAsync(10, Lease, default)).Delivery.Id);
        Assert.Equal(FailureKind.NotFound, (await Assert.ThrowsAsync<GraftException>(() => new DeliveryLog(temp.Home).RedeliverAsync("whd_nope", default))).Kind);
    }
}
