namespace Graft.Governance;

/// <summary>
/// How long a use case keeps what it records (spec <c>retention</c>): its predictions in the log, the inputs inside
/// them (dropped sooner, keeping the answer and the entity an outcome joins by), and its feedback (review decisions
/// and outcomes, once recorded). Null keeps it. Aggregates (traffic counts, monitoring windows) and the audit trail are
/// not subject to it: gates and monitoring need the first, and the trail is the record of every act, retention's too.
/// </summary>
public sealed record RetentionPolicy(TimeSpan? Predictions = null, TimeSpan? Inputs = null, TimeSpan? Feedback = null)
{
    public static readonly RetentionPolicy KeepAll = new();

    public bool KeepsAll => Predictions is null && Inputs is null && Feedback is null;

    /// <summary>A duration as the spec and the commands write it: <c>90d</c>, <c>36h</c>, <c>30m</c>, or a number of days; null for anything else.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var trimmed = text.Trim();
        var (number, unit) = trimmed.Length > 0 && char.IsLetter(trimmed[^1]) ? (trimmed[..^1], trimmed[^1]) : (trimmed, 'd');
        if (!int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return null;
        }
        return unit switch { 'd' => TimeSpan.FromDays(n), 'h' => TimeSpan.FromHours(n), 'm' => TimeSpan.FromMinutes(n), _ => null };
    }
}
