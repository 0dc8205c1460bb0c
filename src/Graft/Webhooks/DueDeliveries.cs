using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Webhooks;

/// <summary>
/// What senders take from the store: due deliveries, each claimed by one process (<see cref="WebhookDelivery.Claim"/>,
/// saved against its revision: of processes that read the same row, the first to save has it), and the outcome of each
/// attempt, saved only while the claim holds. Only EF Core, so that every provider the store has claims alike.
/// </summary>
public sealed class DueDeliveries(GraftHome home)
{
    /// <summary>Claims up to <paramref name="max"/> due deliveries for <paramref name="lease"/>, the longest due first.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = home.Now;
        await using var db = home.CreateDb();
        var due = await db.WebhookDeliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(max).ToListAsync(cancellationToken);
        var ids = due.Select(d => d.SubscriptionId).Distinct().ToList();
        var webhooks = await db.WebhookSubscriptions.AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        var claimed = new List<ClaimedDelivery>(due.Count);
        foreach (var delivery in due)
        {
            var webhook = webhooks.GetValueOrDefault(delivery.SubscriptionId);
            if (webhook is null or { Disabled: true })
            {
                delivery.Abandon("the webhook was removed");
            }
            else
            {
                delivery.Claim(now + lease);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken); // one row at a time: losing one to another process loses no other
                if (webhook is { Disabled: false })
                {
                    claimed.Add(new ClaimedDelivery(delivery, webhook));
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(delivery).State = EntityState.Detached; // another process took it first
            }
        }
        return claimed;
    }

    /// <summary>Applies an attempt's outcome to a claimed delivery and saves it; false when the claim was lost (its lease ran out and another took it).</summary>
    public async Task<bool> SaveAsync(ClaimedDelivery claimed, Action<WebhookDelivery> outcome, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        db.WebhookDeliveries.Attach(claimed.Delivery); // as claimed: the revision the update is checked against
        outcome(claimed.Delivery);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
