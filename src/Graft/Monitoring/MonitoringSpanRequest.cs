using System.Globalization;

namespace Graft.Monitoring;

/// <summary>
/// The span a monitoring view is asked for, as the CLI and the API take it: a window back from now (or from
/// <c>to</c>): <c>5m</c>, <c>1h</c>, <c>1d</c>, any number of minutes, hours or days; or a <c>from</c> and an optional
/// <c>to</c>, ISO 8601 times (UTC unless they name a zone). The default is the last hour.
/// </summary>
public static class MonitoringSpanRequest
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(1);

    public static (DateTime From, DateTime? To) Resolve(string? window, string? from, string? to, DateTime now, string windowName = "window", string fromName = "from", string toName = "to")
    {
        if (window is not null && from is not null)
        {
            throw GraftException.Invalid($"give {windowName} or {fromName}, not both: a window counts back from {toName} (or now)");
        }
        var end = to is null ? (DateTime?)null : Time(to, toName);
        if (from is not null)
        {
            return (Time(from, fromName), end);
        }
        var length = window is null ? DefaultWindow
            : Governance.RetentionPolicy.ParseDuration(window)
              ?? throw GraftException.Invalid($"{windowName} '{window}' is not a duration: write minutes as 5m, hours as 1h or days as 1d");
        return ((end ?? now) - length, end);
    }

    private static DateTime Time(string text, string name) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime
            : throw GraftException.Invalid($"{name} '{text}' is not a time; give one like 2026-12-06 or 2026-12-06T14:30:00Z");
}
