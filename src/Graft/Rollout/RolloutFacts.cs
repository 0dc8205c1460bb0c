using Graft.Audit;
using Graft.Monitoring;
using Graft.Storage;
using Graft.Training;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Rollout;

/// <summary>
/// What Graft's own store says about a use case, read once for its gates and readiness: the spec, the latest dataset
/// version and its audit, the latest training run, the champion and whether an earlier one exists to roll back to,
/// the keys that can call it, the traffic since its stage began, the reviewers' decisions and the champion's live quality since then, and, with a
/// challenger, its comparison with the champion.
/// </summary>
public sealed record RolloutFacts(
    UseCaseSpec Spec, RolloutState State, string? DatasetVersion, AuditRecord? Audit, TrainingResult? Training,
    string? Champion, string? RollbackTarget, int AppKeys, int ReviewerKeys, TrafficCounts SinceStage, DateTime Now,
    Challengers.ComparisonTally? Comparison = null, ReviewTally? Reviews = null, Feedback.LiveQuality? Live = null)
{
    public static async Task<RolloutFacts> ReadAsync(GraftHome home, string useCaseId, CancellationToken cancellationToken)
    {
        var (useCase, revision) = await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken);
        var spec = revision.Spec();
        await using var db = home.CreateDb();
        var state = await db.RolloutStates.AsNoTracking().FirstOrDefaultAsync(s => s.UseCaseId == useCaseId, cancellationToken)
            ?? RolloutState.Initial(useCaseId, spec.InitialStage, home.Now);
        var dataset = (await new Data.DatasetCatalog(home).LatestOrNullAsync(useCaseId, cancellationToken))?.Id;
        var audit = dataset is null ? null : await db.Audits.AsNoTracking()
            .Where(a => a.UseCaseId == useCaseId && a.DatasetVersionId == dataset && a.SpecRevision == revision.Revision)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var runJson = await db.TrainingRuns.AsNoTracking().Where(r => r.UseCaseId == useCaseId && r.FinishedAt != null)
            .OrderByDescending(r => r.StartedAt).Select(r => r.ResultJson).FirstOrDefaultAsync(cancellationToken);
        var training = runJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<TrainingResult>(runJson, Registry.ModelRegistry.Json);
        var rollbackTarget = useCase.ChampionVersion is null ? null : await db.ChampionChanges.AsNoTracking()
            .Where(c => c.UseCaseId == useCaseId && c.Version == useCase.ChampionVersion)
            .OrderByDescending(c => c.Id).Select(c => c.PreviousVersion).FirstOrDefaultAsync(cancellationToken);
        var now = home.Now;
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now)).ToListAsync(cancellationToken);
        var since = TrafficWindow.StartOf(state.StageSince);
        var windows = await db.TrafficWindows.AsNoTracking()
            .Where(w => w.UseCaseId == useCaseId && w.Stage == state.Stage && w.Start >= since).ToListAsync(cancellationToken);
        var traffic = windows.Aggregate(TrafficCounts.Zero, (sum, w) => sum + new TrafficCounts(w.Requests, w.ModelAnswers, w.Fallbacks, w.Compared, w.Agreements));
        var comparison = Challengers.ChallengerComparisons.KeyOf(useCaseId, useCase.ChampionVersion, state.Snapshot()) is { } key
            ? await new Challengers.ChallengerComparisons(home).ReadAsync(key, cancellationToken)
            : null;
        // The decisions reviewers made since the stage began (corrections and escalations are not verdicts on the model).
        var verdicts = await db.ReviewDecisions.AsNoTracking()
            .Where(d => d.UseCaseId == useCaseId && d.At >= state.StageSince && d.Corrects == null && d.Decision != Review.ReviewDecisions.Escalate)
            .GroupBy(d => d.Decision).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var reviews = new ReviewTally(verdicts.Sum(v => v.Count), verdicts.Where(v => v.Key == Review.ReviewDecisions.Override).Sum(v => v.Count));
        var live = useCase.ChampionVersion is { } champion ? await new Feedback.LiveQualityReader(home).OfAsync(spec, champion, state.StageSince, cancellationToken) : null;
        return new RolloutFacts(spec, state, dataset, audit, training, useCase.ChampionVersion, rollbackTarget,
            keys.Count(k => k.Role == Governance.Role.App && k.UseCaseId == useCaseId),
            keys.Count(k => k.Role == Governance.Role.Reviewer && (k.UseCaseId is null || k.UseCaseId == useCaseId)),
            traffic, now, comparison, reviews, live);
    }
}

/// <summary>Reviewers' accept and override decisions since the stage began: how many, and how many overrode the model.</summary>
public sealed record ReviewTally(int Decisions, int Overrides)
{
    public double? OverrideRate => Decisions == 0 ? null : (double)Overrides / Decisions;
}
