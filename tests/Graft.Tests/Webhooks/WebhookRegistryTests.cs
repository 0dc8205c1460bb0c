using Graft.Governance;
using Graft.Testing;
using Graft.Tests.Storage;
using Graft.UseCases;
using Graft.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Webhooks;

public class WebhookRegistryTests
{
    private static readonly string[] Own = ["http://127.0.0.1:5080"];

    private static async Task<TempHome> ToyAsync()
    {
        var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(ToyData.Spec, "toy.yaml", TestActors.Tester, default);
        return temp;
    }

    [Fact]
    public async Task A_webhook_shows_its_secret_once_and_the_trail_records_it_without_the_secret_or_the_query()
    {
        await using var temp = await ToyAsync();
        var registry = new WebhookRegistry(temp.Home);

        var added = await registry.AddAsync("toy", "https://app.example.com/hook?token=abc", ["stage.changed", "review.created"], Own, TestActors.Tester, default);

        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", added.Secret);
        Assert.Equal(["stage.changed", "review.created"], added.Events);
        var listed = Assert.Single(await registry.ListAsync("toy", default));
        Assert.Null(listed.Secret);
        Assert.Equal((added.Id, "https://app.example.com/hook?token=abc"), (listed.Id, listed.Url));
        await using var db = temp.Home.CreateDb();
        var entry = await db.TrailEntries.SingleAsync(e => e.Act == TrailActs.WebhookAdded);
        Assert.Equal(added.Id, entry.Subject);
        Assert.Equal("""{"url":"https://app.example.com/hook","events":["stage.changed","review.created"]}""", entry.After);
        Assert.DoesNotContain(added.Secret!, entry.After);
    }

    [Theory]
    [InlineData("toy", "ftp://app.example.com/x", "stage.changed", FailureKind.Invalid, "not an http or https URL")]
    [InlineData("toy", "http://localhost:5080/x", "stage.changed", FailureKind.Invalid, "own address")]
    [InlineData("toy", "https://app.example.com/x", "stage.chnaged", FailureKind.Invalid, "review.created, review.decided, stage.changed, alert.firing, alert.resolved")]
    [InlineData("toy", "https://app.example.com/x", "", FailureKind.Invalid, "at least one event")]
    [InlineData("nope", "https://app.example.com/x", "stage.changed", FailureKind.NotFound, "no use case 'nope'")]
    public async Task A_webhook_that_is_not_allowed_is_refused_and_nothing_is_recorded(string useCase, string url, string events, FailureKind kind, string named)
    {
        await using var temp = await ToyAsync();

        var error = await Assert.ThrowsAsync<GraftException>(() =>
            new WebhookRegistry(temp.Home).AddAsync(useCase, url, events.Split(','), Own, TestActors.Tester, default));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(named, error.Message);
        await using var db = temp.Home.CreateDb();
        Assert.Equal(0, await db.WebhookSubscriptions.CountAsync());
        Assert.Equal(0, await db.TrailEntries.CountAsync(e => e.Act == TrailActs.WebhookAdded));
    }

    [Fact]
    public void An_unknown_event_suggests_the_one_meant() =>
        Assert.Contains("(did you mean stage.changed?)", Assert.Throws<GraftException>(() => WebhookEventTypes.Parse(["stage.chnaged"])).Message);

    [Fact]
    public async Task A_removed_webhook_gets_no_more_events_and_its_pending_deliveries_fail()
    {
        await using var temp = await ToyAsync();
        var registry = new WebhookRegistry(temp.Home);
        var added = await registry.AddAsync("toy", "https://app.example.com/x", ["stage.changed"], Own, TestActors.Tester, default);
        await new Graft.Rollout.RolloutControl(temp.Home).KillAsync("toy", "checking", TestActors.Tester, default);

        await registry.RemoveAsync("toy", added.Id, "moved to another app", TestActors.Tester, default);
        await new Graft.Rollout.RolloutControl(temp.Home).ReviveAsync("toy", "checked", TestActors.Tester, default);

        Assert.Empty(await registry.ListAsync("toy", default));
        var delivery = Assert.Single(await new DeliveryLog(temp.Home).ListAsync("toy", null, null, 100, default));
        Assert.Equal(("failed", "the webhook was removed"), (delivery.Status, delivery.LastError));
        await using var db = temp.Home.CreateDb();
        var entry = await db.TrailEntries.SingleAsync(e => e.Act == TrailActs.WebhookRemoved);
        Assert.Equal((added.Id, "moved to another app", """{"removed":true}"""), (entry.Subject, entry.Reason, entry.After));
        var again = await Assert.ThrowsAsync<GraftException>(() => registry.RemoveAsync(null, added.Id, "again", TestActors.Tester, default));
        Assert.Equal(FailureKind.NotFound, again.Kind);
        Assert.Equal(FailureKind.Conflict, (await Assert.ThrowsAsync<GraftException>(() => new DeliveryLog(temp.Home).RedeliverAsync(delivery.Id, default))).Kind);
    }

    [Fact]
    public async Task Removing_needs_a_reason_and_a_webhook_of_the_use_case_named()
    {
        await using var temp = await ToyAsync();
        var registry = new WebhookRegistry(temp.Home);
        var added = await registry.AddAsync("toy", "https://app.example.com/x", ["stage.changed"], Own, TestActors.Tester, default);

        Assert.Equal(FailureKind.Invalid, (await Assert.ThrowsAsync<GraftException>(() => registry.RemoveAsync("toy", added.Id, " ", TestActors.Tester, default))).Kind);
        Assert.Equal(FailureKind.NotFound, (await Assert.ThrowsAsync<GraftException>(() => registry.RemoveAsync("other", added.Id, "x", TestActors.Tester, default))).Kind);
        Assert.Single(await registry.ListAsync(null, default));
    }
}
