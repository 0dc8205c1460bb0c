using System.Text.Json;

namespace Graft.Webhooks;

/// <summary>
/// A delivery as the log shows it (<c>graft webhooks deliveries --json</c>, <c>GET /v1/usecases/{id}/webhooks/deliveries</c>):
/// <c>status</c> is <c>pending</c>, <c>delivered</c> or <c>failed</c>; <c>next_attempt_at</c> is set while pending.
/// </summary>
public sealed record DeliveryView(
    string Id, string Webhook, string UseCase, string Event, string EventId, string Status, int Attempts, DateTime? NextAttemptAt,
    int? LastStatusCode, string? LastError, DateTime CreatedAt, DateTime? DeliveredAt, JsonElement Payload)
{
    public static DeliveryView Of(WebhookDelivery d) => new(
        d.Id, d.SubscriptionId, d.UseCaseId, d.EventType, d.EventId, d.Status.Word(), d.Attempts,
        d.Status == DeliveryStatus.Pending ? Utc(d.NextAttemptAt) : null, d.LastStatusCode, d.LastError, Utc(d.CreatedAt),
        d.DeliveredAt is { } at ? Utc(at) : null, JsonSerializer.Deserialize<JsonElement>(d.PayloadJson));

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
}
