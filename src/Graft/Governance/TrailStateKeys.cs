namespace Graft.Governance;

/// <summary>
/// Keys of an entry's <c>after</c> that hold rollout state: <c>graft trail at</c> reports, for each, the value the last
/// entry at or before a time gave it. An act that changes one of them writes its new value under the key.
/// </summary>
public static class TrailStateKeys
{
    public const string Champion = "champion";
    public const string Stage = "stage";
    public const string CohortPercent = "cohort_percent";
    public const string Killed = "killed";
    public const string Challenger = "challenger";

    public static readonly IReadOnlyList<string> All = [Champion, Stage, CohortPercent, Killed, Challenger];
}
