namespace Graft.Registry;

/// <summary>Why a use case's champion changed. Persisted: the numbers never change.</summary>
public enum ChampionChangeKind
{
    FirstTraining = 1,
    Promotion = 2,
    Rollback = 3,
}

/// <summary>
/// One change of a use case's champion: which version it became, which it replaced, who did it and why.
/// The history is what rollback walks back through.
/// </summary>
public sealed class ChampionChange
{
    private ChampionChange() { }

    public ChampionChange(string useCaseId, string? version, string? previousVersion, ChampionChangeKind kind, string by, string? reason, DateTime at)
    {
        UseCaseId = useCaseId;
        Version = version;
        PreviousVersion = previousVersion;
        Kind = kind;
        By = by;
        Reason = reason;
        At = at;
    }

    public int Id { get; private set; }
    public string UseCaseId { get; private set; } = "";
    public string? Version { get; private set; }
    public string? PreviousVersion { get; private set; }
    public ChampionChangeKind Kind { get; private set; }
    public string By { get; private set; } = "";
    public string? Reason { get; private set; }
    public DateTime At { get; private set; }
}
