using System.Globalization;

namespace Graft.Governance;

/// <summary>Times given to read the trail by (<c>--since</c>, <c>at</c>): ISO 8601, UTC unless a zone is given, and not in the future.</summary>
public static class TrailTime
{
    public static DateTime Parse(string? text, string what, DateTime now)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            throw GraftException.Invalid($"{what} '{text}' is not a time; give one like 2026-12-06 or 2026-12-06T14:30:00Z");
        }
        var time = parsed.UtcDateTime;
        return time <= now
            ? time
            : throw GraftException.Invalid($"{what} {time:yyyy-MM-ddTHH:mm:ssZ} is in the future (it is {now:yyyy-MM-ddTHH:mm:ssZ}); the trail holds only what has happened");
    }
}
