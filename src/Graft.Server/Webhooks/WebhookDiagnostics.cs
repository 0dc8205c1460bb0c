using Microsoft.Extensions.Logging;

namespace Graft.Server.Webhooks;

/// <summary>
/// What sending webhooks reports, with stable event ids (6000s). A webhook is named by its id and its URL's host, never
/// its secret, path or query.
/// </summary>
internal static partial class WebhookDiagnostics
{
    [LoggerMessage(EventId = 6001, EventName = "DeliveryAttemptFailed", Level = LogLevel.Warning,
        Message = "delivery {DeliveryId} of {Event} to webhook {WebhookId} ({Host}) failed on attempt {Attempt}: {Error}; trying again at {NextAt:O}")]
    public static partial void DeliveryAttemptFailed(this ILogger logger, string deliveryId, string @event, string webhookId, string host, int attempt, string error, DateTime nextAt);

    [LoggerMessage(EventId = 6002, EventName = "DeliveryFailed", Level = LogLevel.Error,
        Message = "delivery {DeliveryId} of {Event} to webhook {WebhookId} ({Host}) failed after {Attempts} attempts, the last: {Error}; graft webhooks redeliver sends it again")]
    public static partial void DeliveryFailed(this ILogger logger, string deliveryId, string @event, string webhookId, string host, int attempts, string error);

    [LoggerMessage(EventId = 6003, EventName = "DeliveryToItself", Level = LogLevel.Warning,
        Message = "webhook {WebhookId} points at this server ({Address}); delivery {DeliveryId} is failed without being sent")]
    public static partial void DeliveryToItself(this ILogger logger, string webhookId, string address, string deliveryId);

    [LoggerMessage(EventId = 6004, EventName = "OutcomeNotSaved", Level = LogLevel.Warning,
        Message = "the outcome of delivery {DeliveryId} was not saved: its claim ran out and another process took the attempt")]
    public static partial void OutcomeNotSaved(this ILogger logger, string deliveryId);

    [LoggerMessage(EventId = 6005, EventName = "SendingFailed", Level = LogLevel.Warning,
        Message = "due webhook deliveries could not be read or saved ({Error}); trying again")]
    public static partial void SendingFailed(this ILogger logger, string error);

    [LoggerMessage(EventId = 6006, EventName = "Delivered", Level = LogLevel.Debug,
        Message = "delivery {DeliveryId} of {Event} to webhook {WebhookId} ({Host}) answered {Status} on attempt {Attempt}")]
    public static partial void Delivered(this ILogger logger, string deliveryId, string @event, string webhookId, string host, int status, int attempt);
}
