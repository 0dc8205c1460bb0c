using Graft.Governance;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Webhooks;

/// <summary>
/// Registers, lists and removes a use case's webhooks; registering and removing are acts in the audit trail, which
/// records the URL without its query and never the secret. Refused, with nothing recorded: a URL that is not http(s) or
/// is the server's own (<see cref="WebhookUrl"/>), an event that is not one, an unknown use case.
/// </summary>
public sealed class WebhookRegistry(GraftHome home)
{
    /// <summary>Makes a webhook; its secret is in this answer only. <paramref name="ownAddresses"/> are where the server answers.</summary>
    public async Task<WebhookView> AddAsync(string useCaseId, string? url, IEnumerable<string>? events, IEnumerable<string> ownAddresses, Actor actor,
        CancellationToken cancellationToken)
    {
        var uri = WebhookUrl.Check(url, ownAddresses);
        var types = WebhookEventTypes.Parse(events);
        var webhook = new WebhookSubscription(WebhookIds.Webhook(), useCaseId, uri.AbsoluteUri, types, WebhookIds.Secret(), home.Now, actor.Id);
        return await new AuditTrail(home).CommitAsync(actor, async (db, ct) =>
        {
            if (!await db.UseCases.AnyAsync(u => u.Id == useCaseId, ct))
            {
                throw GraftException.NotFound($"no use case '{useCaseId}' (graft usecase list shows them)");
            }
            db.WebhookSubscriptions.Add(webhook);
            return (WebhookView.Of(webhook, webhook.Secret),
                new TrailRecord(TrailActs.WebhookAdded, useCaseId, webhook.Id, null, new { url = WebhookUrl.Shown(uri), events = types }));
        }, cancellationToken);
    }

    /// <summary>The enabled webhooks, of one use case (NotFound for an unknown one) or of all, oldest first, without their secrets.</summary>
    public async Task<IReadOnlyList<WebhookView>> ListAsync(string? useCaseId, CancellationToken cancellationToken)
    {
        if (useCaseId is not null)
        {
            await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken);
        }
        await using var db = home.CreateDb();
        var webhooks = await db.WebhookSubscriptions.AsNoTracking()
            .Where(w => !w.Disabled && (useCaseId == null || w.UseCaseId == useCaseId)).OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).ToListAsync(cancellationToken);
        return webhooks.ConvertAll(w => WebhookView.Of(w));
    }

    /// <summary>
    /// Removes a webhook (of <paramref name="useCaseId"/>, when given): it gets no more events and its pending deliveries
    /// fail. An unknown or removed one is NotFound.
    /// </summary>
    public async Task<WebhookView> RemoveAsync(string? useCaseId, string webhookId, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        Rollout.RolloutControl.RequireReason(reason, "removing a webhook");
        // a sender may save an attempt of a pending delivery meanwhile: then the deliveries are read again
        return await StoreConflicts.RetriedAsync(5, async _ =>
            await new AuditTrail(home).CommitAsync(actor, (db, ct) => DisableAsync(db, useCaseId, webhookId, reason, ct), cancellationToken), cancellationToken);
    }

    private static async Task<(WebhookView, TrailRecord?)> DisableAsync(GraftDb db, string? useCaseId, string webhookId, string? reason, CancellationToken ct)
    {
        var webhook = await db.WebhookSubscriptions.FirstOrDefaultAsync(w => w.Id == webhookId && !w.Disabled && (useCaseId == null || w.UseCaseId == useCaseId), ct)
            ?? throw GraftException.NotFound($"no webhook '{webhookId}'{(useCaseId is null ? "" : $" of {useCaseId}")} (graft webhooks list shows them)");
        webhook.Disable();
        foreach (var pending in await db.WebhookDeliveries.Where(d => d.SubscriptionId == webhookId && d.Status == DeliveryStatus.Pending).ToListAsync(ct))
        {
            pending.Abandon("the webhook was removed");
        }
        return (WebhookView.Of(webhook), new TrailRecord(TrailActs.WebhookRemoved, webhook.UseCaseId, webhook.Id, new { removed = false }, new { removed = true }, reason));
    }
}
