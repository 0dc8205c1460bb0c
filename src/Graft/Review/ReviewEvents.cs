using Graft.Storage;
using Graft.Webhooks;

namespace Graft.Review;

/// <summary>
/// The queue's webhook events, added in the transaction that makes the item or the decision: <c>review.created</c> with
/// the answer under review (not its inputs: the app has them, and the queue's routes show them as the data-use policy
/// allows) and <c>review.decided</c> with the decision, before and after (docs/webhooks.md).
/// </summary>
public static class ReviewEvents
{
    /// <summary>Publishes one <c>review.created</c> for each new item, asking each use case once which webhooks want it.</summary>
    public static async Task CreatedAsync(GraftDb db, IReadOnlyList<ReviewItem> items, CancellationToken cancellationToken)
    {
        foreach (var useCase in items.GroupBy(i => i.UseCaseId))
        {
            await WebhookEvents.AddEachAsync(db, useCase.Key, WebhookEventTypes.ReviewCreated,
                [.. useCase.Select(i => ((object)Created(i), i.CreatedAt))], cancellationToken);
        }
    }

    /// <summary>Publishes the <c>review.decided</c> of one decision.</summary>
    public static Task DecidedAsync(GraftDb db, ReviewDecision decision, string itemState, CancellationToken cancellationToken) =>
        WebhookEvents.AddAsync(db, decision.UseCaseId, WebhookEventTypes.ReviewDecided, new
        {
            review_id = decision.ItemId, decision_id = decision.Id, prediction_id = decision.PredictionId, decision = decision.Decision,
            reviewer = decision.Reviewer, label_before = decision.LabelBefore, score_before = decision.ScoreBefore, value_before = decision.ValueBefore,
            label = decision.Label, value = decision.Value, reason = decision.Reason, note = decision.Note, escalated_to = decision.EscalatedTo,
            corrects = decision.Corrects, item_state = itemState,
        }, decision.At, cancellationToken);

    private static object Created(ReviewItem item) => new
    {
        review_id = item.Id, prediction_id = item.PredictionId, entity_id = item.EntityId, model_version = item.ModelVersion, stage = item.Stage,
        selected_by = item.SelectedBy, label = item.Label, score = item.Score, value = item.Value, confidence = item.Confidence,
        overlap = item.Overlap, expires_at = item.ExpiresAt,
    };
}
