namespace Graft.Webhooks;

/// <summary>
/// One event for one webhook, and how sending it went: the delivery log. A sender claims a due delivery by raising its
/// <see cref="Revision"/> (a concurrency token) and moving its next attempt past the lease, so that of the processes
/// sharing the store only one sends an attempt; its outcome is saved against the revision it claimed.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>The longest <see cref="LastError"/> kept: enough to say what failed, never a receiver's whole page.</summary>
    public const int MaxErrorLength = 200;

    private WebhookDelivery() { }

    public WebhookDelivery(string id, WebhookSubscription webhook, string eventType, string eventId, string payloadJson, DateTime at)
    {
        Id = id;
        SubscriptionId = webhook.Id;
        UseCaseId = webhook.UseCaseId;
        EventType = eventType;
        EventId = eventId;
        PayloadJson = payloadJson;
        Status = DeliveryStatus.Pending;
        NextAttemptAt = at;
        CreatedAt = at;
    }

    public string Id { get; private set; } = "";
    public string SubscriptionId { get; private set; } = "";
    public string UseCaseId { get; private set; } = "";
    public string EventType { get; private set; } = "";
    public string EventId { get; private set; } = "";

    /// <summary>The body sent, byte for byte on every attempt: the event's envelope.</summary>
    public string PayloadJson { get; private set; } = "";
    public DeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>When this delivery was queued: its retries end a retry window after it.</summary>
    public DateTime CreatedAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }

    /// <summary>Rises with every claim and outcome: the claim token that keeps two senders from sending one attempt.</summary>
    public int Revision { get; private set; }

    /// <summary>Takes the next attempt until <paramref name="leaseEnd"/>, when, unsaved, another sender may take it again.</summary>
    public void Claim(DateTime leaseEnd) => (NextAttemptAt, Revision) = (leaseEnd, Revision + 1);

    public void Delivered(int statusCode, DateTime at)
    {
        Attempted(statusCode, null);
        (Status, DeliveredAt) = (DeliveryStatus.Delivered, at);
    }

    /// <summary>An attempt that failed: tried again at <paramref name="next"/>, or, with none, given up.</summary>
    public void Missed(int? statusCode, string error, DateTime? next)
    {
        Attempted(statusCode, error);
        if (next is { } at)
        {
            NextAttemptAt = at;
        }
        else
        {
            Status = DeliveryStatus.Failed;
        }
    }

    /// <summary>Given up without an attempt (the webhook was removed, or points at the server sending it).</summary>
    public void Abandon(string error) => (Status, LastError, Revision) = (DeliveryStatus.Failed, Short(error), Revision + 1);

    /// <summary>The same event for the same webhook, queued again now: a new delivery, this one left as it is.</summary>
    public WebhookDelivery Again(string id, DateTime at) => new()
    {
        Id = id, SubscriptionId = SubscriptionId, UseCaseId = UseCaseId, EventType = EventType, EventId = EventId, PayloadJson = PayloadJson,
        Status = DeliveryStatus.Pending, NextAttemptAt = at, CreatedAt = at,
    };

    private void Attempted(int? statusCode, string? error) =>
        (Attempts, LastStatusCode, LastError, Revision) = (Attempts + 1, statusCode, error is null ? null : Short(error), Revision + 1);

    private static string Short(string error) => error.Length <= MaxErrorLength ? error : error[..(MaxErrorLength - 1)] + "…";
}
