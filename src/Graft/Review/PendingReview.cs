using Graft.Serving;

namespace Graft.Review;

/// <summary>
/// A review item decided on the request path (its id is in the answer) and made by the log's writer, in the transaction
/// that writes its prediction: the request pays for choosing it, never for storing it.
/// </summary>
public sealed record PendingReview(string Id, string SelectedBy, ReviewPolicy Policy, string? Label, double? Score, double? Value, string? Confidence)
{
    public ReviewItem Item(PredictionRecord record) => new()
    {
        Id = Id, UseCaseId = record.UseCaseId, PredictionId = record.Id, ModelVersion = record.ModelVersion, EntityId = record.EntityId, Stage = record.Stage,
        CreatedAt = record.At, ExpiresAt = record.At.AddHours(Policy.ExpireHours), SelectedBy = SelectedBy, Overlap = Policy.Overlap, ClaimMinutes = Policy.ClaimMinutes,
        Label = Label, Score = Score, Value = Value, Confidence = Confidence, InputsJson = record.InputsJson, AnswerJson = record.OutputJson,
    };
}
