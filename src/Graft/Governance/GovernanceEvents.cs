using Microsoft.Extensions.Logging;

namespace Graft.Governance;

/// <summary>What key handling and the store's scheduled jobs report, with stable event ids (3000s). A key is named by its id, never its secret.</summary>
internal static partial class GovernanceEvents
{
    [LoggerMessage(EventId = 3001, EventName = "KeyStoreUnreadable", Level = LogLevel.Warning,
        Message = "the store could not be read to check key {KeyId} ({Error}); using what was read at {ReadAt:O}")]
    public static partial void KeyStoreUnreadable(this ILogger logger, string keyId, string error, DateTimeOffset readAt);

    [LoggerMessage(EventId = 3002, EventName = "RetentionRan", Level = LogLevel.Information,
        Message = "retention run {Slot}: {UseCases} use case(s) with a policy, {Predictions} prediction(s) deleted, inputs dropped from {Inputs}")]
    public static partial void RetentionRan(this ILogger logger, string slot, int useCases, long predictions, long inputs);

    [LoggerMessage(EventId = 3003, EventName = "RetentionFailed", Level = LogLevel.Error,
        Message = "retention run {Slot} failed: {Error}; the next day's run tries again")]
    public static partial void RetentionFailed(this ILogger logger, string slot, string error);
}
