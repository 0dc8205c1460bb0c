using Microsoft.Extensions.Logging;

namespace Graft.Serving;

/// <summary>
/// What serving reports, with stable event ids (1000s) that alerting and log searches can rely on. Messages name
/// versions, use cases and counts, never a secret or an input value.
/// </summary>
internal static partial class ServingEvents
{
    [LoggerMessage(EventId = 1001, EventName = "ScoringFailed", Level = LogLevel.Warning,
        Message = "{Version} failed to score {Rows} row(s), which the rule answered: {Error}")]
    public static partial void ScoringFailed(this ILogger logger, string version, int rows, string error);

    [LoggerMessage(EventId = 1002, EventName = "ModelUnavailable", Level = LogLevel.Warning,
        Message = "{Version} cannot be loaded, so the rule answers: {Error}")]
    public static partial void ModelUnavailable(this ILogger logger, string version, string error);

    [LoggerMessage(EventId = 1003, EventName = "StoreUnreadable", Level = LogLevel.Warning,
        Message = "the store could not be read for '{UseCase}' ({Error}); answering with what was read at {ReadAt:O}")]
    public static partial void StoreUnreadable(this ILogger logger, string useCase, string error, DateTimeOffset readAt);

    [LoggerMessage(EventId = 1004, EventName = "LogBatchRetried", Level = LogLevel.Warning,
        Message = "writing {Records} prediction records failed ({Error}); retrying, attempt {Attempt}")]
    public static partial void LogBatchRetried(this ILogger logger, int records, string error, int attempt);

    [LoggerMessage(EventId = 1005, EventName = "LogBatchFailed", Level = LogLevel.Error,
        Message = "{Records} prediction records could not be written and are counted as failed: {Error}")]
    public static partial void LogBatchFailed(this ILogger logger, int records, string error);

    [LoggerMessage(EventId = 1009, EventName = "WindowsFailed", Level = LogLevel.Warning,
        Message = "{Records} written prediction records could not be counted into their monitoring windows: {Error}")]
    public static partial void WindowsFailed(this ILogger logger, int records, string error);

    [LoggerMessage(EventId = 1012, EventName = "CountsNotSaved", Level = LogLevel.Warning,
        Message = "the {Windows} windows' counts could not be saved; they are kept for the next save: {Error}")]
    public static partial void CountsNotSaved(this ILogger logger, string windows, string error);

    [LoggerMessage(EventId = 1007, EventName = "ChallengerScoringFailed", Level = LogLevel.Warning,
        Message = "{Version} could not be scored beside the answers it is compared with ({Error}); its failures are counted in the challenger report")]
    public static partial void ChallengerScoringFailed(this ILogger logger, string version, string error);

    [LoggerMessage(EventId = 1008, EventName = "ComparisonNotSaved", Level = LogLevel.Warning,
        Message = "the comparison of {Challenger} with {Champion} ({Pairs} requests) could not be saved ({Error}); it is kept and saved with the next")]
    public static partial void ComparisonNotSaved(this ILogger logger, string challenger, string champion, long pairs, string error);
}
