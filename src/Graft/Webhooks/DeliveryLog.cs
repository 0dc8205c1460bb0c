using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Webhooks;

/// <summary>Reads the delivery log and queues a delivery again (redeliver): a new pending copy, the old row left as it was.</summary>
public sealed class DeliveryLog(GraftHome home)
{
    public const int MaxLimit = 1_000;

    /// <summary>The latest deliveries, newest first, of one use case or all, of one status and event type or any.</summary>
    public async Task<IReadOnlyList<DeliveryView>> ListAsync(string? useCaseId, DeliveryStatus? status, string? eventType, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw GraftException.Invalid($"the limit is 1 to {MaxLimit}; got {limit}");
        }
        if (eventType is not null)
        {
            WebhookEventTypes.Parse([eventType]);
        }
        if (useCaseId is not null)
        {
            await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken); // an unknown use case is NotFound
        }
        await using var db = home.CreateDb();
        var deliveries = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => (useCaseId == null || d.UseCaseId == useCaseId) && (status == null || d.Status == status) && (eventType == null || d.EventType == eventType))
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(limit).ToListAsync(cancellationToken);
        return deliveries.ConvertAll(DeliveryView.Of);
    }

    /// <summary>The use case a delivery is of; null for an unknown delivery.</summary>
    public async Task<string?> UseCaseOfAsync(string deliveryId, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.WebhookDeliveries.Where(d => d.Id == deliveryId).Select(d => d.UseCaseId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Queues the event of a delivery again for its webhook, due now and retried as a new delivery is: the same body and
    /// event id, a new delivery id. Unknown: NotFound; of a removed webhook: Conflict.
    /// </summary>
    public async Task<DeliveryView> RedeliverAsync(string deliveryId, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken)
            ?? throw GraftException.NotFound($"no delivery '{deliveryId}' (graft webhooks deliveries shows them)");
        if (!await db.WebhookSubscriptions.AnyAsync(w => w.Id == delivery.SubscriptionId && !w.Disabled, cancellationToken))
        {
            throw GraftException.Conflict($"the webhook of {deliveryId} ({delivery.SubscriptionId}) was removed; there is nowhere to deliver it again");
        }
        var again = delivery.Again(WebhookIds.Delivery(), home.Now);
        db.WebhookDeliveries.Add(again);
        await db.SaveChangesAsync(cancellationToken);
        return DeliveryView.Of(again);
    }
}
