namespace Graft.Webhooks;

/// <summary>A delivery this process holds the next attempt of, with the webhook it goes to.</summary>
public sealed record ClaimedDelivery(WebhookDelivery Delivery, WebhookSubscription Webhook);
