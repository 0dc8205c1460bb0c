using Microsoft.Extensions.Logging;

namespace Graft.Server.Training;

/// <summary>What the training queue reports, with stable event ids (2000s).</summary>
internal static partial class TrainingEvents
{
    [LoggerMessage(EventId = 2001, EventName = "JobFailed", Level = LogLevel.Warning,
        Message = "training job {JobId} for '{UseCase}' failed: {Error}")]
    public static partial void JobFailed(this ILogger logger, string jobId, string useCase, string error);

    [LoggerMessage(EventId = 2002, EventName = "JobCrashed", Level = LogLevel.Error,
        Message = "training job {JobId} for '{UseCase}' died on an unexpected {ErrorType}: {Error}")]
    public static partial void JobCrashed(this ILogger logger, string jobId, string useCase, string errorType, string error);

    [LoggerMessage(EventId = 2003, EventName = "AbandonedJobsNotMarked", Level = LogLevel.Warning,
        Message = "abandoned training jobs could not be marked failed ({Error}); the heartbeat tries again")]
    public static partial void AbandonedJobsNotMarked(this ILogger logger, string error);

    [LoggerMessage(EventId = 2004, EventName = "HeartbeatFailed", Level = LogLevel.Warning,
        Message = "training jobs could not be marked alive ({Error}); trying again in {Seconds} s")]
    public static partial void HeartbeatFailed(this ILogger logger, string error, double seconds);

    [LoggerMessage(EventId = 2005, EventName = "JobNotSaved", Level = LogLevel.Warning,
        Message = "training job {JobId} could not be saved as {Status} ({Error})")]
    public static partial void JobNotSaved(this ILogger logger, string jobId, string status, string error);
}
