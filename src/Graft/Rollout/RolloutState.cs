namespace Graft.Rollout;

/// <summary>
/// A use case's rollout as stored: its stage and cohort, whether it is killed, and its challenger. Changed only through
/// these methods, each an act recorded in the audit trail by <see cref="RolloutControl"/>; the spec only sets the stage
/// a use case starts in. Every process reads it from the store within a second (<see cref="Serving.ServingState"/>).
/// </summary>
public sealed class RolloutState
{
    private RolloutState() { }

    public static RolloutState Initial(string useCaseId, Stage stage, DateTime at) => new()
    {
        UseCaseId = useCaseId, Stage = stage, CohortPercent = 100, StageSince = at, ChangedAt = at, ChangedBy = "spec",
    };

    public string UseCaseId { get; private set; } = "";
    public Stage Stage { get; private set; }

    /// <summary>The share of entities (1 to 100) that assist and auto answer with the model; the others get the rule.</summary>
    public int CohortPercent { get; private set; }

    /// <summary>When the current stage began: the evidence for leaving it is counted from then.</summary>
    public DateTime StageSince { get; private set; }
    public bool Killed { get; private set; }
    public string? KillReason { get; private set; }
    public string? ChallengerVersion { get; private set; }
    public ChallengerMode? ChallengerMode { get; private set; }
    public int ChallengerPercent { get; private set; }

    /// <summary>When the challenger began to meet traffic: its comparison with the champion is counted from then.</summary>
    public DateTime? ChallengerSince { get; private set; }
    public DateTime ChangedAt { get; private set; }
    public string ChangedBy { get; private set; } = "";

    /// <summary>
    /// The gates an admin let through, with a reason, when the use case moved into its current stage (JSON list of
    /// <see cref="GateOverride"/>): status shows them as overridden while they still would not pass.
    /// </summary>
    public string OverridesJson { get; private set; } = "[]";

    /// <summary>Rises with every change: what a reader compares to know its copy is current, and what guards concurrent changes.</summary>
    public int Revision { get; private set; }

    public RolloutSnapshot Snapshot() => new(Stage, CohortPercent, Killed, ChallengerVersion, ChallengerMode, ChallengerPercent, StageSince, Revision, ChallengerSince);

    public void MoveTo(Stage stage, int cohortPercent, IReadOnlyList<GateOverride> overrides, string by, DateTime at)
    {
        if (stage != Stage)
        {
            StageSince = at;
            OverridesJson = System.Text.Json.JsonSerializer.Serialize(overrides, Registry.ModelRegistry.Json);
        }
        (Stage, CohortPercent) = (stage, cohortPercent);
        Touch(by, at);
    }

    public IReadOnlyList<GateOverride> Overrides() =>
        System.Text.Json.JsonSerializer.Deserialize<List<GateOverride>>(OverridesJson, Registry.ModelRegistry.Json) ?? [];

    public void Kill(string reason, string by, DateTime at)
    {
        (Killed, KillReason) = (true, reason);
        Touch(by, at);
    }

    public void Revive(string by, DateTime at)
    {
        (Killed, KillReason) = (false, null);
        Touch(by, at);
    }

    /// <summary>
    /// Sets the challenger (null clears it). Another version starts a new comparison; a new mode or share for the same
    /// version keeps counting the one it has.
    /// </summary>
    public void SetChallenger(string? version, ChallengerMode? mode, int percent, string by, DateTime at)
    {
        if (version != ChallengerVersion)
        {
            ChallengerSince = version is null ? null : at;
        }
        (ChallengerVersion, ChallengerMode, ChallengerPercent) = (version, version is null ? null : mode, version is null ? 0 : percent);
        Touch(by, at);
    }

    private void Touch(string by, DateTime at) => (ChangedBy, ChangedAt, Revision) = (by, at, Revision + 1);
}

/// <summary>A gate an admin let through when moving a use case into its stage: which, by whom, why and when.</summary>
public sealed record GateOverride(string Phase, string Name, string By, string Reason, DateTime At);

/// <summary>A use case's rollout as a serving process holds it: what routing reads on every answer.</summary>
public sealed record RolloutSnapshot(
    Stage Stage, int CohortPercent, bool Killed, string? ChallengerVersion, ChallengerMode? ChallengerMode, int ChallengerPercent,
    DateTime StageSince, int Revision, DateTime? ChallengerSince = null)
{
    /// <summary>The rollout of a use case no state was stored for yet: its spec's stage, everyone in.</summary>
    public static RolloutSnapshot Initial(Stage stage) => new(stage, 100, false, null, null, 0, DateTime.MinValue, 0);

    /// <summary>The rollout as serving applies it beside <paramref name="champion"/>: a challenger since made the champion challenges nothing.</summary>
    public RolloutSnapshot Against(string? champion) =>
        ChallengerVersion is not null && ChallengerVersion == champion ? this with { ChallengerVersion = null, ChallengerMode = null, ChallengerPercent = 0 } : this;
}
