using Graft.Governance;
using Graft.Registry;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Rollout.Challengers;

/// <summary>
/// Sets, clears, reports on and promotes a use case's challenger: each change an act with a reason in the audit trail
/// (<see cref="TrailActs.ChallengerChanged"/>), committed with the rollout as <see cref="RolloutControl"/> commits every
/// change, and refused, with nothing changed, when it is not allowed: a version of another use case, the champion
/// itself, a use case without a champion, a share outside 1–100 %, a version that cannot be loaded.
/// </summary>
public sealed class ChallengerControl(GraftHome home)
{
    public async Task<RolloutChange> SetAsync(string useCaseId, ChallengerChange change, Actor actor, Func<string, CancellationToken, Task> load,
        CancellationToken cancellationToken)
    {
        RolloutControl.RequireReason(change.Reason, "setting a challenger");
        if (change.Percent is < 1 or > 100)
        {
            throw GraftException.Invalid($"the challenger's share is a percentage of requests, 1 to 100; got {change.Percent}");
        }
        var (useCase, _) = await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken);
        var owner = await new ModelRegistry(home).UseCaseOfAsync(change.Version, cancellationToken)
            ?? throw GraftException.NotFound($"no model version '{change.Version}' (graft models list {useCaseId} shows them)");
        if (owner != useCaseId)
        {
            throw GraftException.Invalid($"{change.Version} is a version of {owner}, not of {useCaseId}: a challenger answers its own use case's requests");
        }
        var champion = useCase.ChampionVersion ?? throw GraftException.Conflict($"{useCaseId} has no champion for a challenger to be compared with");
        if (champion == change.Version)
        {
            throw GraftException.Conflict($"{change.Version} is {useCaseId}'s champion; a challenger is another version");
        }
        try
        {
            await load(change.Version, cancellationToken);
        }
        catch (GraftException e) when (e.Kind == FailureKind.Conflict)
        {
            throw GraftException.Conflict($"{e.Message}; the challenger is unchanged");
        }
        return await new RolloutControl(home).SaveAsync(useCaseId, actor, change.Reason, TrailActs.ChallengerChanged,
            (state, at) => state.SetChallenger(change.Version, change.Mode, change.Percent, actor.Id, at), Trail, Trail, cancellationToken);
    }

    /// <summary>Clears the challenger; clearing none is no error, and is recorded all the same.</summary>
    public Task<RolloutChange> ClearAsync(string useCaseId, string reason, Actor actor, CancellationToken cancellationToken)
    {
        RolloutControl.RequireReason(reason, "clearing the challenger");
        return new RolloutControl(home).SaveAsync(useCaseId, actor, reason, TrailActs.ChallengerChanged,
            (state, at) => state.SetChallenger(null, null, 0, actor.Id, at), Trail, Trail, cancellationToken);
    }

    /// <summary>The comparison of the current challenger with the champion since it began; NotFound without a challenger.</summary>
    public async Task<ChallengerReport> ReportAsync(string useCaseId, CancellationToken cancellationToken)
    {
        var (useCase, revision) = await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken);
        var rollout = await new RolloutControl(home).SnapshotAsync(useCaseId, revision.Spec(), cancellationToken);
        var key = ChallengerComparisons.KeyOf(useCaseId, useCase.ChampionVersion, rollout)
            ?? throw GraftException.NotFound($"{useCaseId} has no challenger (graft challenger set {useCaseId} <version> --mode shadow --percent 10 --reason …)");
        var tally = await new ChallengerComparisons(home).ReadAsync(key, cancellationToken);
        var live = await new Feedback.LiveQualityReader(home).ByVersionAsync(revision.Spec(), key.Since, null, cancellationToken);
        return ChallengerReport.Of(key, rollout.ChallengerMode!.Value, rollout.ChallengerPercent, tally,
            live.FirstOrDefault(q => q.ModelVersion == key.Champion), live.FirstOrDefault(q => q.ModelVersion == key.Challenger));
    }

    /// <summary>
    /// Makes the challenger the champion, when its gate passes (or an admin overrides it with the reason), after
    /// <paramref name="load"/> has loaded it, and clears it: the trail records the champion it replaced and any override.
    /// </summary>
    public async Task<ChallengerPromotion> PromoteAsync(string useCaseId, string reason, bool overrideGate, Actor actor,
        Func<string, CancellationToken, Task> load, CancellationToken cancellationToken)
    {
        RolloutControl.RequireReason(reason, "promoting the challenger");
        if (overrideGate && !actor.MayOverrideGates)
        {
            throw GraftException.Forbidden($"only an admin may override a gate; this key is a {actor.Role}'s");
        }
        var facts = await RolloutFacts.ReadAsync(home, useCaseId, cancellationToken);
        var challenger = facts.State.ChallengerVersion is { } version && version != facts.Champion ? version
            : throw GraftException.Conflict($"{useCaseId} has no challenger to promote");
        var gate = RolloutGates.Challenger(facts)!;
        if (!gate.Passed && !overrideGate)
        {
            throw GraftException.Blocked($"{challenger} cannot be promoted: {gate.Phase}/{gate.Name} {gate.Result.Word()}: {gate.Evidence} " +
                "(graft challenger report shows the comparison; an admin may override with --override-gates and a reason)");
        }
        try
        {
            await load(challenger, cancellationToken);
        }
        catch (GraftException e) when (e.Kind == FailureKind.Conflict)
        {
            throw GraftException.Conflict($"{e.Message}; the champion and the challenger are unchanged");
        }
        var overridden = gate.Passed ? [] : new[] { $"{gate.Phase}/{gate.Name}" };
        // The champion's change and the challenger's clearing commit together, each with its trail entry: never one without the other.
        var promoted = await new AuditTrail(home).CommitActsAsync(actor, async (db, ct) =>
        {
            var useCase = await db.UseCases.FirstAsync(u => u.Id == useCaseId, ct);
            var state = await db.RolloutStates.FirstAsync(s => s.UseCaseId == useCaseId, ct);
            if (state.ChallengerVersion != challenger)
            {
                throw GraftException.Conflict($"{useCaseId}'s challenger changed while {challenger} was being promoted; nothing was changed");
            }
            var result = new ModelRegistry(home).Promote(db, useCase, challenger, actor, reason, out var crowned);
            var before = Trail(state);
            state.SetChallenger(null, null, 0, actor.Id, home.Now);
            var cleared = new TrailRecord(overridden.Length > 0 ? TrailActs.GateOverridden : TrailActs.ChallengerChanged, useCaseId, useCaseId,
                before, new { challenger = Challenger(state), overridden }, reason);
            return (result, crowned is null ? [cleared] : (IReadOnlyList<TrailRecord>)[crowned, cleared]);
        }, cancellationToken);
        return new ChallengerPromotion(useCaseId, promoted.Champion!, promoted.Previous, overridden);
    }

    private static object Trail(RolloutState state) => new { challenger = Challenger(state) };

    private static ChallengerView? Challenger(RolloutState state) => ChallengerView.Of(state.Snapshot());
}

/// <summary>A challenger to set: the version, how it meets traffic, its share of requests (1–100) and why.</summary>
public sealed record ChallengerChange(string Version, ChallengerMode Mode, int Percent, string Reason);

/// <summary>What promoting the challenger did: the champion now and the one it replaced, and the gate an override let through.</summary>
public sealed record ChallengerPromotion(string UseCase, string Champion, string? Previous, IReadOnlyList<string> Overridden);
