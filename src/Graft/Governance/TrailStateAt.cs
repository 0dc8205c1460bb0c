using System.Text.Json;

namespace Graft.Governance;

/// <summary>
/// The state in force for a use case at an instant, reduced from its trail: for each <see cref="TrailStateKeys"/> key some
/// entry at or before then set, the value the last such entry gave it, and which entry that was. Keys no entry set are absent.
/// </summary>
public sealed record TrailStateAt(string UseCase, DateTime At, IReadOnlyDictionary<string, TrailStateValue> State)
{
    /// <summary>Reduces entries, in sequence order, to the state they leave.</summary>
    public static TrailStateAt Of(string useCase, DateTime at, IEnumerable<TrailEntry> entries)
    {
        var state = new SortedDictionary<string, TrailStateValue>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.After is not null))
        {
            using var after = JsonDocument.Parse(entry.After!);
            foreach (var key in TrailStateKeys.All)
            {
                if (after.RootElement.TryGetProperty(key, out var value))
                {
                    state[key] = new TrailStateValue(value.Clone(), entry.Sequence, DateTime.SpecifyKind(entry.At, DateTimeKind.Utc), entry.Act);
                }
            }
        }
        return new TrailStateAt(useCase, at, state);
    }
}

/// <summary>A state key's value, and the entry that set it.</summary>
public sealed record TrailStateValue(JsonElement Value, long Sequence, DateTime At, string Act);
