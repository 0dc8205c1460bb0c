using Graft.Serving;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Governance;

/// <summary>
/// Applies each use case's <see cref="RetentionPolicy"/> at the store's time: deletes the prediction log's pages whose
/// every record is past <c>predictions</c>, and drops the inputs of the records past <c>inputs</c> (their answers,
/// entities and times stay, for monitoring and outcomes), and the copies of those inputs review items keep. Past
/// <c>feedback</c> it deletes outcomes, and review items closed before it with their claims and decisions (an open
/// item is kept until it is decided or expires; one with a decision since is kept whole). A use case's deletions and the trail entry that counts them
/// commit together (<see cref="AuditTrail"/>); the trail itself is never deleted, so it stays verifiable. Run once a
/// day by the <c>graft serve</c> process that claims the day (<see cref="ScheduledRuns"/>), or now with
/// <c>graft retention run</c>.
/// </summary>
public sealed class Retention(GraftHome home)
{
    /// <summary>Pages rewritten per save, so that a long log's inputs are dropped in bounded memory.</summary>
    private const int PagesPerSave = 100;

    public static readonly Actor Scheduler = new("graft:retention", "system");

    public async Task<IReadOnlyList<RetentionResult>> RunAsync(Actor actor, CancellationToken cancellationToken)
    {
        var now = home.Now;
        var results = new List<RetentionResult>();
        var catalog = new UseCaseCatalog(home);
        foreach (var useCase in await catalog.ListAsync(cancellationToken))
        {
            var policy = (await catalog.GetAsync(useCase.Id, cancellationToken)).Revision.Spec().Retention;
            if (policy.KeepsAll)
            {
                continue;
            }
            results.Add(await new AuditTrail(home).CommitAsync(actor, async (db, ct) =>
            {
                var result = await ApplyAsync(db, useCase.Id, policy, now, ct);
                return (result, new TrailRecord(TrailActs.RetentionRun, useCase.Id, "retention", After: new
                {
                    predictions_deleted = result.PredictionsDeleted, pages_deleted = result.PagesDeleted, inputs_dropped = result.InputsDropped,
                    predictions_before = result.PredictionsBefore, inputs_before = result.InputsBefore,
                    outcomes_deleted = result.OutcomesDeleted, review_items_deleted = result.ReviewItemsDeleted, feedback_before = result.FeedbackBefore,
                }));
            }, cancellationToken));
        }
        return results;
    }

    private static async Task<RetentionResult> ApplyAsync(GraftDb db, string useCaseId, RetentionPolicy policy, DateTime now, CancellationToken cancellationToken)
    {
        DateTime? predictionsBefore = policy.Predictions is { } p ? now - p : null;
        DateTime? inputsBefore = policy.Inputs is { } i ? now - i : null;
        DateTime? feedbackBefore = policy.Feedback is { } f ? now - f : null;
        var (predictions, pages, inputs, outcomes, items) = (0L, 0, 0L, 0, 0);
        if (predictionsBefore is { } cutoff)
        {
            // A page goes when its last record is older than the cutoff: ids begin with their time (PredictionIds).
            var last = PredictionIds.FirstAt(cutoff);
            var old = db.PredictionPages.Where(page => page.UseCaseId == useCaseId && string.Compare(page.LastId, last) < 0);
            predictions = await old.SumAsync(page => (long)page.Count, cancellationToken);
            pages = await old.ExecuteDeleteAsync(cancellationToken);
        }
        if (feedbackBefore is { } before)
        {
            outcomes = await db.Outcomes.Where(o => o.UseCaseId == useCaseId && o.RecordedAt < before).ExecuteDeleteAsync(cancellationToken);
            // closed before the cutoff, and decided on by nobody since (a correction keeps the item whole)
            var closed = await db.ReviewItems.Where(r => r.UseCaseId == useCaseId && r.ClosedAt != null && r.ClosedAt < before
                && !db.ReviewDecisions.Any(d => d.ItemId == r.Id && d.At >= before)).Select(r => r.Id).ToListAsync(cancellationToken);
            await db.ReviewDecisions.Where(d => closed.Contains(d.ItemId)).ExecuteDeleteAsync(cancellationToken);
            await db.ReviewClaims.Where(c => closed.Contains(c.ItemId)).ExecuteDeleteAsync(cancellationToken);
            items = await db.ReviewItems.Where(r => closed.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        if (inputsBefore is { } drop)
        {
            await db.ReviewItems.Where(r => r.UseCaseId == useCaseId && r.CreatedAt < drop && r.InputsJson != "{}")
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.InputsJson, "{}"), cancellationToken);
            var last = PredictionIds.FirstAt(drop);
            while (true)
            {
                var batch = await db.PredictionPages
                    .Where(page => page.UseCaseId == useCaseId && page.InputsDroppedAt == null && string.Compare(page.LastId, last) < 0)
                    .OrderBy(page => page.Id).Take(PagesPerSave).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }
                foreach (var page in batch)
                {
                    page.Records = PredictionRecordJson.Page(PredictionRecordJson.Read(useCaseId, page.Records).Select(WithoutInputs));
                    page.InputsDroppedAt = now;
                    inputs += page.Count;
                }
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        return new RetentionResult(useCaseId, predictions, pages, inputs, predictionsBefore, inputsBefore, outcomes, items, feedbackBefore);
    }

    private static PredictionRecord WithoutInputs(PredictionRecord r) => new(r.Id, r.UseCaseId, r.At, r.ModelVersion, r.Stage, r.Route,
        r.FallbackReason, r.EntityId, "{}", r.OutputJson, r.LatencyMs, r.KeyId, r.Cohort);
}

/// <summary>What a retention run removed from one use case, and the cutoffs it applied (null where the policy keeps all).</summary>
public sealed record RetentionResult(string UseCase, long PredictionsDeleted, int PagesDeleted, long InputsDropped, DateTime? PredictionsBefore, DateTime? InputsBefore,
    int OutcomesDeleted = 0, int ReviewItemsDeleted = 0, DateTime? FeedbackBefore = null);
