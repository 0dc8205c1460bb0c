using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Webhooks;

/// <summary>
/// Publishes an event: a pending delivery for each enabled webhook of the use case that subscribed to its type, added
/// to the caller's <see cref="GraftDb"/>, so that it commits with the act that caused it, in the caller's transaction,
/// or not at all. <c>graft serve</c> sends it (docs/webhooks.md). A change committed through
/// <see cref="Governance.AuditTrail.CommitAsync{T}"/> publishes from inside it:
/// <code>
/// await WebhookEvents.AddAsync(db, useCaseId, WebhookEventTypes.StageChanged, new { stage = "shadow", … }, home.Now, ct);
/// </code>
/// </summary>
public static class WebhookEvents
{
    /// <summary>Adds the deliveries of one event (none when no webhook wants it); returns its id. <paramref name="data"/> is written snake_case.</summary>
    public static async Task<string> AddAsync(GraftDb db, string useCaseId, string type, object data, DateTime at, CancellationToken cancellationToken) =>
        (await AddEachAsync(db, useCaseId, type, [(data, at)], cancellationToken))[0];

    /// <summary>Adds the deliveries of several events of one type and use case, asking once which webhooks want them; returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> AddEachAsync(GraftDb db, string useCaseId, string type, IReadOnlyList<(object Data, DateTime At)> events, CancellationToken cancellationToken)
    {
        if (!WebhookEventTypes.All.Contains(type))
        {
            throw new ArgumentException($"'{type}' is not a webhook event", nameof(type)); // a bug of the publisher, not the user's input
        }
        var webhooks = (await db.WebhookSubscriptions.Where(w => w.UseCaseId == useCaseId && !w.Disabled).ToListAsync(cancellationToken))
            .Where(w => w.Receives(type)).ToList();
        var ids = new List<string>(events.Count);
        foreach (var (data, at) in events)
        {
            var id = WebhookIds.Event();
            ids.Add(id);
            if (webhooks.Count == 0)
            {
                continue;
            }
            var payload = new WebhookEnvelope(id, type, DateTime.SpecifyKind(at, DateTimeKind.Utc), useCaseId, data).ToJson();
            foreach (var webhook in webhooks)
            {
                db.WebhookDeliveries.Add(new WebhookDelivery(WebhookIds.Delivery(), webhook, type, id, payload, at));
            }
        }
        return ids;
    }
}
