using System.Text.Json.Serialization;

namespace Graft.Webhooks;

/// <summary>
/// A webhook as <c>graft webhooks list --json</c> and <c>GET /v1/usecases/{id}/webhooks</c> show it (snake_case). The
/// secret is in the answer that made it only, never in a list.
/// </summary>
public sealed record WebhookView(
    string Id, string UseCase, string Url, IReadOnlyList<string> Events, DateTime CreatedAt, string CreatedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null)
{
    public static WebhookView Of(WebhookSubscription w, string? secret = null) =>
        new(w.Id, w.UseCaseId, w.Url, w.EventList(), DateTime.SpecifyKind(w.CreatedAt, DateTimeKind.Utc), w.CreatedBy, secret);
}
