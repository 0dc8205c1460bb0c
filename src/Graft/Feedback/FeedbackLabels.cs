using Graft.Review;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Feedback;

/// <summary>
/// The label each prediction of a use case has as of a time, from what the store knew then and nothing later. An outcome
/// counts once recorded and observed by then; of a prediction's outcomes, the last in its chain of supersessions that does
/// (a supersession recorded later is not yet made). A review decision counts once made by then, unless a correction made
/// by then replaced it; escalations carry no label. An outcome is the ground truth observed after the fact, and wins over a
/// reviewer's decision, which is a person's correction of the model's answer: an accept keeps the model's label, an
/// override gives the corrected one. Of several standing decisions (an item decided by more than one reviewer) the latest.
/// </summary>
public static class FeedbackLabels
{
    public static async Task<IReadOnlyDictionary<string, FeedbackLabel>> ReadAsync(GraftHome home, string useCaseId, TaskKind task, DateTime asOf,
        CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var outcomes = await db.Outcomes.AsNoTracking().Where(o => o.UseCaseId == useCaseId && o.RecordedAt <= asOf).ToListAsync(cancellationToken);
        var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.UseCaseId == useCaseId && d.At <= asOf).ToListAsync(cancellationToken);
        return Resolve(outcomes, decisions, task, asOf);
    }

    /// <summary>The labels as of <paramref name="asOf"/>, by prediction id, from outcomes and decisions (later ones are ignored here too).</summary>
    public static IReadOnlyDictionary<string, FeedbackLabel> Resolve(IReadOnlyList<Outcome> outcomes, IReadOnlyList<ReviewDecision> decisions, TaskKind task, DateTime asOf)
    {
        var labels = new Dictionary<string, FeedbackLabel>(StringComparer.Ordinal);
        var made = decisions.Where(d => d.At <= asOf).ToList();
        var corrected = made.Where(d => d.Corrects is not null).Select(d => d.Corrects!).ToHashSet(StringComparer.Ordinal);
        foreach (var decision in made.Where(d => d.Decision != ReviewDecisions.Escalate && !corrected.Contains(d.Id) && HasAnswer(task, d.Label, d.Value))
            .OrderBy(d => d.At).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            labels[decision.PredictionId] = new FeedbackLabel(decision.PredictionId, decision.Label, decision.Value, LabelSource.Review, decision.At);
        }
        foreach (var prediction in outcomes.Where(o => o.RecordedAt <= asOf).GroupBy(o => o.PredictionId, StringComparer.Ordinal))
        {
            var standing = OutcomeChain.Ordered([.. prediction]).LastOrDefault(o => o.ObservedAt <= asOf && HasAnswer(task, o.Label, o.Value));
            if (standing is not null)
            {
                labels[prediction.Key] = new FeedbackLabel(prediction.Key, standing.Label, standing.Value, LabelSource.Outcome, standing.ObservedAt);
            }
        }
        return labels;
    }

    private static bool HasAnswer(TaskKind task, string? label, double? value) =>
        task == TaskKind.Regression ? value is { } v && double.IsFinite(v) : label is not null;
}
