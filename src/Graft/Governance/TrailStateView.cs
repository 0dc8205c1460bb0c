namespace Graft.Governance;

/// <summary>
/// The state in force for a use case at an instant, as the CLI and the API show it: each rollout key (<see cref="TrailStateKeys"/>)
/// with the value the last entry at or before then gave it and which entry that was, or null when no entry had set it.
/// </summary>
public sealed record TrailStateView(
    string UseCase, DateTime At, TrailStateValue? Champion, TrailStateValue? Stage, TrailStateValue? CohortPercent, TrailStateValue? Killed,
    TrailStateValue? Challenger)
{
    public static TrailStateView Of(TrailStateAt state)
    {
        TrailStateValue? Get(string key) => state.State.GetValueOrDefault(key);
        return new TrailStateView(state.UseCase, DateTime.SpecifyKind(state.At, DateTimeKind.Utc), Get(TrailStateKeys.Champion), Get(TrailStateKeys.Stage),
            Get(TrailStateKeys.CohortPercent), Get(TrailStateKeys.Killed), Get(TrailStateKeys.Challenger));
    }

    /// <summary>The values by their keys, in the order of <see cref="TrailStateKeys.All"/>.</summary>
    public IEnumerable<(string Key, TrailStateValue? Value)> Values() =>
        [(TrailStateKeys.Champion, Champion), (TrailStateKeys.Stage, Stage), (TrailStateKeys.CohortPercent, CohortPercent),
         (TrailStateKeys.Killed, Killed), (TrailStateKeys.Challenger, Challenger)];
}
