using Microsoft.Extensions.Logging;

namespace Graft.Governance;

/// <summary>What key handling reports, with stable event ids (3000s). A key is named by its id, never its secret.</summary>
internal static partial class GovernanceEvents
{
    [LoggerMessage(EventId = 3001, EventName = "KeyStoreUnreadable", Level = LogLevel.Warning,
        Message = "the store could not be read to check key {KeyId} ({Error}); using what was read at {ReadAt:O}")]
    public static partial void KeyStoreUnreadable(this ILogger logger, string keyId, string error, DateTimeOffset readAt);
}
