namespace Graft.Feedback;

/// <summary>
/// The log's index from entity to prediction: one row per prediction made for an entity, written by the log's writer
/// in the transaction of its page, so an outcome reported by entity finds its prediction without reading the log page
/// by page. <see cref="EntityId"/> is the entity as the log keeps it (its pseudonym where the log pseudonymises it).
/// </summary>
public sealed class PredictionEntity
{
    public string UseCaseId { get; set; } = "";
    public string EntityId { get; set; } = "";
    public DateTime At { get; set; }
    public string PredictionId { get; set; } = "";
}
