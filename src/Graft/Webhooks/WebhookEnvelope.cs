using System.Text.Json;

namespace Graft.Webhooks;

/// <summary>
/// The body of every delivery: <c>{"id", "type", "created_at", "use_case", "data"}</c> (snake_case). The id is the
/// event's, the same in every delivery of it and in a redelivery, so that a receiver can tell one it already handled.
/// </summary>
public sealed record WebhookEnvelope(string Id, string Type, DateTime CreatedAt, string UseCase, object Data)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
