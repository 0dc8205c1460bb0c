namespace Graft.Rollout;

/// <summary>How a gate's analysis ended, as Argo Rollouts' analyses end. The words are part of the API.</summary>
public enum GateOutcome
{
    Successful = 1,
    Failed = 2,

    /// <summary>Too little evidence yet (too little traffic): blocks without failing.</summary>
    Inconclusive = 3,

    /// <summary>Failed or inconclusive, and let through by an admin with a written reason (in the trail).</summary>
    Overridden = 4,
}

public static class GateOutcomes
{
    public static string Word(this GateOutcome outcome) => outcome switch
    {
        GateOutcome.Successful => "successful",
        GateOutcome.Failed => "failed",
        GateOutcome.Inconclusive => "inconclusive",
        _ => "overridden",
    };
}

/// <summary>
/// One gate of a roadmap phase, with its evidence in words, the numbers it weighed, and where they came from (a
/// dataset version's audit, a training run, the traffic since a stage began).
/// </summary>
public sealed record Gate(string Phase, string Name, GateOutcome Result, string Evidence, string? Source = null,
    IReadOnlyDictionary<string, double>? Numbers = null)
{
    public bool Passed => Result is GateOutcome.Successful or GateOutcome.Overridden;
}
