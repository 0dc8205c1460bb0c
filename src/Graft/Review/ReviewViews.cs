using System.Text.Json;

namespace Graft.Review;

/// <summary>An item as the queue lists it. <see cref="Assignee"/>: the reviewers holding a claim on it now, comma-separated.</summary>
public sealed record ReviewItemView(
    string Id, string UseCase, string PredictionId, string State, string? Assignee, DateTime CreatedAt, DateTime ExpiresAt,
    string SelectedBy, string? ModelVersion, string? Label, double? Score, double? Value, string? Confidence, int Overlap, int Decisions, string? EscalatedTo)
{
    /// <summary>The view of an item, from its own claims (who holds one now is its assignee) and its count of decisions.</summary>
    public static ReviewItemView Of(ReviewItem item, IEnumerable<ReviewClaim> claims, int decisions, DateTime now)
    {
        var holders = claims.Where(c => c.HeldAt(now)).Select(c => c.Reviewer).ToList();
        return new(item.Id, item.UseCaseId, item.PredictionId, item.State, holders.Count > 0 ? string.Join(",", holders) : null, item.CreatedAt, item.ExpiresAt,
            item.SelectedBy, item.ModelVersion, item.Label, item.Score, item.Value, item.Confidence, item.Overlap, decisions, item.EscalatedTo);
    }
}

/// <summary>
/// One item as a reviewer sees it: the answer with its explanation and warnings, the inputs as the log keeps them (masked
/// fields stay masked), and the decisions the viewer may see: all of them once the item is closed, before that only
/// the viewer's own (reviewers are blind to each other).
/// </summary>
public sealed record ReviewItemDetail(ReviewItemView Item, JsonElement Inputs, JsonElement Answer, IReadOnlyList<ReviewDecisionView> Decisions, IReadOnlyList<string> Reasons);

/// <summary>A claim as its holder gets it: the slot, and the token the decision must bring back before the lease runs out.</summary>
public sealed record ReviewClaimView(string ItemId, int Slot, long Token, DateTime LeaseUntil);

public sealed record ReviewDecisionView(
    string Id, string ItemId, string Reviewer, DateTime At, string Decision, string? LabelBefore, double? ScoreBefore, double? ValueBefore,
    string? Label, double? Value, string? Reason, string? Note, string? EscalatedTo, string? Corrects)
{
    public static ReviewDecisionView Of(ReviewDecision d) =>
        new(d.Id, d.ItemId, d.Reviewer, d.At, d.Decision, d.LabelBefore, d.ScoreBefore, d.ValueBefore, d.Label, d.Value, d.Reason, d.Note, d.EscalatedTo, d.Corrects);
}

/// <summary>What the queue is asked for: items of a use case, in a state, older than an age, selected for a reason, held by someone.</summary>
public sealed record ReviewFilter(string? UseCase = null, string? State = null, TimeSpan? OlderThan = null, string? SelectedBy = null, string? Assignee = null, int Limit = 100);

/// <summary>
/// A decision as asked: the claim's token; accept, override (with the corrected label or value, a reason code from
/// the spec's list and a note) or escalate (to a role, with a reason); or, with <see cref="Corrects"/>, a correction of an
/// earlier decision on a closed item, which needs no claim.
/// </summary>
public sealed record DecisionRequest(string Decision, long? Token = null, string? Label = null, double? Value = null, string? Reason = null, string? Note = null,
    string? EscalateTo = null, string? Corrects = null);
