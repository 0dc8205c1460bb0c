using Graft.Governance;
using Graft.Storage;
using Graft.UseCases;
using Graft.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Graft.Rollout;

/// <summary>
/// Changes a use case's rollout (its stage and cohort, the kill switch; the challenger through
/// <see cref="Challengers.ChallengerControl"/>), each an act with a reason, refused when it is
/// not allowed: a stage is climbed one step at a time, only with its gates passing (or overridden by an admin with a
/// reason), never while killed. Lowering the stage, killing and reviving need no gate.
/// </summary>
public sealed class RolloutControl(GraftHome home)
{
    /// <summary>What serving routes by: the stored rollout, or, for a use case without one yet, its spec's initial stage.</summary>
    public async Task<RolloutSnapshot> SnapshotAsync(string useCaseId, UseCaseSpec spec, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var state = await db.RolloutStates.AsNoTracking().FirstOrDefaultAsync(s => s.UseCaseId == useCaseId, cancellationToken);
        return state?.Snapshot() ?? RolloutSnapshot.Initial(spec.InitialStage);
    }

    /// <summary>The rollout, every gate with its evidence (overrides shown as such), and the readiness scorecard.</summary>
    public async Task<RolloutStatus> StatusAsync(string useCaseId, CancellationToken cancellationToken)
    {
        var facts = await RolloutFacts.ReadAsync(home, useCaseId, cancellationToken);
        var overrides = facts.State.Overrides();
        var gates = RolloutGates.All(facts).Append(RolloutGates.Challenger(facts)).OfType<Gate>().Select(g => !g.Passed && overrides.FirstOrDefault(o => o.Phase == g.Phase && o.Name == g.Name) is { } by
            ? g with { Result = GateOutcome.Overridden, Evidence = $"{g.Evidence}; let through by {by.By} at {by.At:u}: {by.Reason}" }
            : g).ToList();
        return new RolloutStatus(facts.State, gates, Readiness.Scorecard(facts));
    }

    /// <summary>Moves a use case to a stage (and cohort), or refuses, naming why; nothing changes when refused.</summary>
    public async Task<RolloutChange> ChangeStageAsync(string useCaseId, StageChange change, Actor actor, CancellationToken cancellationToken)
    {
        RequireReason(change.Reason, "a stage change");
        if (change.CohortPercent is < 0 or > 100)
        {
            throw GraftException.Invalid($"the cohort is a percentage of entities, 0 to 100; got {change.CohortPercent}");
        }
        if (change.OverrideGates && !actor.MayOverrideGates)
        {
            throw GraftException.Forbidden($"only an admin may override a gate; this key is a {actor.Role}'s");
        }
        var facts = await RolloutFacts.ReadAsync(home, useCaseId, cancellationToken);
        var current = facts.State;
        if (change.Stage > current.Stage + 1)
        {
            throw GraftException.Conflict($"{useCaseId} is {current.Stage.Word()}; a use case climbs one stage at a time (off → shadow → assist → auto), so it cannot go to {change.Stage.Word()} now");
        }
        if (change.Stage > current.Stage && current.Killed)
        {
            throw GraftException.Conflict($"{useCaseId} is killed ({current.KillReason}); revive it before raising its stage");
        }
        var blocking = RolloutGates.All(facts).Where(g => RolloutGates.Required(current.Stage, change.Stage).Contains(g.Phase) && !g.Passed).ToList();
        if (blocking.Count > 0 && !change.OverrideGates)
        {
            // One line: the evidence of each gate when there are few, their names when there are many (status shows the rest).
            var gates = blocking.Count <= 3
                ? string.Join("; ", blocking.Select(g => $"{g.Phase}/{g.Name} {g.Result.Word()}: {g.Evidence}"))
                : $"{blocking.Count} gates do not pass: " + string.Join(", ", blocking.Select(g => $"{g.Phase}/{g.Name} {g.Result.Word()}"));
            throw GraftException.Blocked($"{useCaseId} cannot go to {change.Stage.Word()}: {gates} " +
                "(graft status shows each gate's evidence; an admin may override with --override-gates and a reason)");
        }
        var overrides = blocking.ConvertAll(g => new GateOverride(g.Phase, g.Name, actor.Id, change.Reason, home.Now));
        var cohort = change.CohortPercent ?? current.CohortPercent;
        return await SaveAsync(useCaseId, actor, change.Reason, overrides.Count > 0 ? TrailActs.GateOverridden : TrailActs.StageChanged,
            (state, at) => state.MoveTo(change.Stage, cohort, overrides, actor.Id, at),
            state => overrides.Count > 0
                ? new { stage = state.Stage.Word(), cohort_percent = state.CohortPercent, overridden = overrides.Select(o => $"{o.Phase}/{o.Name}").ToArray() }
                : new { stage = state.Stage.Word(), cohort_percent = state.CohortPercent }, cancellationToken) with { Overridden = overrides };
    }

    public Task<RolloutChange> KillAsync(string useCaseId, string reason, Actor actor, CancellationToken cancellationToken)
    {
        RequireReason(reason, "a kill");
        return SaveAsync(useCaseId, actor, reason, TrailActs.UseCaseKilled, (state, at) => state.Kill(reason, actor.Id, at),
            state => new { killed = state.Killed }, cancellationToken);
    }

    public Task<RolloutChange> ReviveAsync(string useCaseId, string reason, Actor actor, CancellationToken cancellationToken)
    {
        RequireReason(reason, "a revival");
        return SaveAsync(useCaseId, actor, reason, TrailActs.UseCaseRevived, (state, at) => state.Revive(actor.Id, at),
            state => new { killed = state.Killed }, cancellationToken);
    }

    internal static void RequireReason(string? reason, string what)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw GraftException.Invalid($"{what} needs a reason (--reason), for the audit trail");
        }
    }

    /// <summary>
    /// Applies a change of the stage, cohort or kill switch to the stored state and appends its trail entry and its
    /// <see cref="WebhookEventTypes.StageChanged"/> event in the same transaction (<see cref="AuditTrail"/>);
    /// <paramref name="trailState"/> gives the entry's before and after from the state. When another process changed the
    /// rollout meanwhile, reads it again and applies the change to what that left.
    /// </summary>
    private Task<RolloutChange> SaveAsync(string useCaseId, Actor actor, string reason, string act, Action<RolloutState, DateTime> change,
        Func<RolloutState, object> trailState, CancellationToken cancellationToken) =>
        SaveAsync(useCaseId, actor, reason, act, change, trailState, trailState, cancellationToken, stageEvent: true);

    /// <summary>As above, with the entry's before and after given apart, for a change whose act touches more than the rollout (a promotion).</summary>
    internal async Task<RolloutChange> SaveAsync(string useCaseId, Actor actor, string reason, string act, Action<RolloutState, DateTime> change,
        Func<RolloutState, object> trailBefore, Func<RolloutState, object> trailAfter, CancellationToken cancellationToken, bool stageEvent = false)
    {
        // when another process changed the rollout first (or made its row), start again from what it left
        return await StoreConflicts.RetriedAsync(5, async _ => await new AuditTrail(home).CommitAsync(actor, async (db, ct) =>
        {
            var state = await db.RolloutStates.FirstOrDefaultAsync(s => s.UseCaseId == useCaseId, ct);
            if (state is null)
            {
                var (_, revision) = await new UseCaseCatalog(home).GetAsync(useCaseId, ct); // an unknown use case is NotFound
                state = RolloutState.Initial(useCaseId, revision.Spec().InitialStage, home.Now);
                db.RolloutStates.Add(state);
            }
            var before = state.Snapshot();
            var beforeTrail = trailBefore(state);
            change(state, home.Now);
            if (stageEvent)
            {
                await WebhookEvents.AddAsync(db, useCaseId, WebhookEventTypes.StageChanged, new
                {
                    stage = state.Stage.Word(), cohort_percent = state.CohortPercent, killed = state.Killed, reason, by = actor.Id,
                }, home.Now, ct);
            }
            var result = new RolloutChange(useCaseId, before, state.Snapshot(), []);
            return (result, new TrailRecord(act, useCaseId, useCaseId, beforeTrail, trailAfter(state), reason));
        }, cancellationToken), cancellationToken);
    }
}

/// <summary>A requested move: the stage, the cohort (null keeps it), why, and whether failing gates are overridden (admins only).</summary>
public sealed record StageChange(Stage Stage, int? CohortPercent, string Reason, bool OverrideGates = false);

/// <summary>A rollout before and after a change, and the gates an override let through.</summary>
public sealed record RolloutChange(string UseCase, RolloutSnapshot Before, RolloutSnapshot After, IReadOnlyList<GateOverride> Overridden);

/// <summary>What <c>graft status</c> shows: the rollout, every gate, and the readiness scorecard.</summary>
public sealed record RolloutStatus(RolloutState State, IReadOnlyList<Gate> Gates, IReadOnlyList<ReadinessScore> Scorecard);
