using System.Text.Json;

namespace Graft.Rollout.Challengers;

/// <summary>
/// The store's tally of one comparison (<see cref="ComparisonKey"/>): a row whatever the traffic, to which every serving
/// process adds what it compared (<see cref="ComparisonTally.Merge"/>). The revision guards concurrent additions: a
/// process whose addition lost reads the row again and adds to what the other left.
/// </summary>
public sealed class ChallengerComparison
{
    private ChallengerComparison() { }

    public ChallengerComparison(ComparisonKey key) =>
        (UseCaseId, ChampionVersion, ChallengerVersion, Since) = (key.UseCaseId, key.Champion, key.Challenger, key.Since);

    public string UseCaseId { get; private set; } = "";
    public string ChampionVersion { get; private set; } = "";
    public string ChallengerVersion { get; private set; } = "";
    public DateTime Since { get; private set; }

    /// <summary>The <see cref="ComparisonTally"/> as JSON: a few kilobytes, bounded by its kept disagreements.</summary>
    public string TallyJson { get; private set; } = "{}";
    public DateTime UpdatedAt { get; private set; }
    public int Revision { get; private set; }

    public ComparisonTally Tally() => JsonSerializer.Deserialize<ComparisonTally>(TallyJson, Registry.ModelRegistry.Json) ?? new();

    public void Add(ComparisonTally more, DateTime at)
    {
        var tally = Tally();
        tally.Merge(more);
        TallyJson = JsonSerializer.Serialize(tally, Registry.ModelRegistry.Json);
        (UpdatedAt, Revision) = (at, Revision + 1);
    }
}
