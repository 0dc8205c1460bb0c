namespace Graft.Webhooks;

/// <summary>Where a delivery stands. Persisted (<c>WebhookDeliveries.Status</c>): the numbers never change.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt (or its first).</summary>
    Pending = 1,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 2,

    /// <summary>Given up: the retry window passed without a 2xx, or the webhook was removed.</summary>
    Failed = 3,
}

/// <summary>The words of <see cref="DeliveryStatus"/> in commands and answers.</summary>
public static class DeliveryStatuses
{
    public static string Word(this DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Delivered => "delivered",
        _ => "failed",
    };

    /// <summary>The status a word names; null for none (every status); refuses any other word.</summary>
    public static DeliveryStatus? Parse(string? word) => word switch
    {
        null or "" => null,
        "pending" => DeliveryStatus.Pending,
        "delivered" => DeliveryStatus.Delivered,
        "failed" => DeliveryStatus.Failed,
        _ => throw GraftException.Invalid($"'{word}' is not a delivery status; it is pending, delivered or failed"),
    };
}
