namespace Graft.Rollout;

/// <summary>
/// A use case's rollout as <c>graft status --json</c> and <c>GET /v1/usecases/{id}/status</c> show it, the same shape in
/// both (snake_case): the stage, cohort, kill switch and challenger; every gate with its result and evidence; the
/// readiness scorecard. The field names are a contract: scripts read them.
/// </summary>
public sealed record RolloutView(
    string UseCase, string Stage, int CohortPercent, bool Killed, string? KillReason, ChallengerView? Challenger,
    DateTime StageSince, string ChangedBy, DateTime ChangedAt, IReadOnlyList<GateView> Gates, IReadOnlyList<ReadinessScore> Scorecard)
{
    public static RolloutView Of(RolloutStatus status)
    {
        var s = status.State;
        return new RolloutView(s.UseCaseId, s.Stage.Word(), s.CohortPercent, s.Killed, s.KillReason,
            ChallengerView.Of(s.Snapshot()),
            DateTime.SpecifyKind(s.StageSince, DateTimeKind.Utc), s.ChangedBy, DateTime.SpecifyKind(s.ChangedAt, DateTimeKind.Utc),
            status.Gates.Select(g => new GateView(g.Phase, g.Name, g.Result.Word(), g.Evidence, g.Source, g.Numbers)).ToList(), status.Scorecard);
    }
}

/// <summary>The challenger: its version, how it meets traffic (<c>shadow</c> or <c>canary</c>) and its share; as the trail records it too.</summary>
public sealed record ChallengerView(string Version, string Mode, int Percent)
{
    public static ChallengerView? Of(RolloutSnapshot rollout) =>
        rollout is { ChallengerVersion: { } version, ChallengerMode: { } mode } ? new ChallengerView(version, mode.Word(), rollout.ChallengerPercent) : null;
}

/// <summary>What setting or clearing the challenger answers: the challenger now and before (null: none).</summary>
public sealed record ChallengerChangeView(string UseCase, ChallengerView? Challenger, ChallengerView? Previous)
{
    public static ChallengerChangeView Of(RolloutChange change) => new(change.UseCase, ChallengerView.Of(change.After), ChallengerView.Of(change.Before));
}

/// <summary>A gate as shown: <c>result</c> is <c>successful</c>, <c>failed</c>, <c>inconclusive</c> or <c>overridden</c>.</summary>
public sealed record GateView(string Phase, string Name, string Result, string Evidence, string? Source, IReadOnlyDictionary<string, double>? Numbers);

/// <summary>What a stage change, kill or revive answers: the rollout before and after, and the gates an override let through.</summary>
public sealed record RolloutChangeView(string UseCase, string Stage, int CohortPercent, bool Killed, string PreviousStage, int PreviousCohortPercent,
    bool PreviouslyKilled, IReadOnlyList<string> Overridden)
{
    public static RolloutChangeView Of(RolloutChange change) => new(change.UseCase, change.After.Stage.Word(), change.After.CohortPercent,
        change.After.Killed, change.Before.Stage.Word(), change.Before.CohortPercent, change.Before.Killed,
        change.Overridden.Select(o => $"{o.Phase}/{o.Name}").ToList());
}
