namespace Graft.Webhooks;

/// <summary>
/// A URL an app registered to receive a use case's events, with the secret its deliveries are signed with. The secret
/// is kept as it is (signing needs it, unlike a key's, of which a hash does), and shown only when the webhook is made.
/// Removing a webhook disables it: its deliveries stay in the log.
/// </summary>
public sealed class WebhookSubscription
{
    private WebhookSubscription() { }

    public WebhookSubscription(string id, string useCaseId, string url, IReadOnlyList<string> events, string secret, DateTime createdAt, string createdBy)
    {
        Id = id;
        UseCaseId = useCaseId;
        Url = url;
        Events = string.Join(',', events);
        Secret = secret;
        CreatedAt = createdAt;
        CreatedBy = createdBy;
    }

    public string Id { get; private set; } = "";
    public string UseCaseId { get; private set; } = "";
    public string Url { get; private set; } = "";

    /// <summary>The subscribed event types, comma-separated (see <see cref="WebhookEventTypes"/>).</summary>
    public string Events { get; private set; } = "";
    public string Secret { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public bool Disabled { get; private set; }

    public IReadOnlyList<string> EventList() => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Receives(string eventType) => !Disabled && EventList().Contains(eventType);

    public void Disable() => Disabled = true;
}
