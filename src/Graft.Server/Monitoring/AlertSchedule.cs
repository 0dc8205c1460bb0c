using Graft.Monitoring;
using Graft.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graft.Server.Monitoring;

/// <summary>
/// Evaluates every use case's alert rules once a minute (<see cref="AlertEvaluator"/>); processes sharing the store
/// leave a rule another has just evaluated. Then sets the monitoring series of <c>/metrics</c> from the store
/// (<see cref="RefreshAsync"/>). Off with <c>Graft:Alerts:Enabled=false</c>.
/// </summary>
public sealed partial class AlertSchedule(GraftHome home, ServiceMetrics metrics, Training.TrainingJobs jobs, ILogger<AlertSchedule> logger) : BackgroundService
{
    public const string EnabledSetting = "Graft:Alerts:Enabled";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var evaluator = new AlertEvaluator(home, Retrain(jobs, logger));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var change in await evaluator.EvaluateAllAsync(stoppingToken))
                {
                    AlertChanged(change.UseCaseId, change.Name, change.From, change.To, change.Value);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                EvaluationFailed(e.Message);
            }
            try
            {
                await RefreshAsync(home, metrics.Monitoring, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RefreshFailed(e.Message);
            }
            try
            {
                await Task.Delay(AlertEvaluator.Every, home.Time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// <c>on_alert: retrain</c>: a training job of the use case on its latest dataset version, queued as any other (it
    /// shows in <c>GET /v1/jobs/{id}</c> and the trail names graft:monitoring), which registers candidates and crowns none.
    /// </summary>
    public static AlertEvaluator.Retraining Retrain(Training.TrainingJobs jobs, ILogger logger) => async (useCaseId, reason, cancellationToken) =>
    {
        var job = await jobs.EnqueueAsync(new Graft.Training.TrainingRequest(useCaseId, MayCrown: false), AlertEvaluator.Monitor, cancellationToken);
        if (job is null)
        {
            RetrainingNotQueued(logger, useCaseId, reason);
        }
        else
        {
            RetrainingQueued(logger, useCaseId, job.Id, reason);
        }
    };

    [LoggerMessage(EventId = 7004, EventName = "RetrainingQueued", Level = LogLevel.Warning, Message = "{UseCase}: training job {Job} queued, as {Reason}")]
    private static partial void RetrainingQueued(ILogger logger, string useCase, string job, string reason);

    [LoggerMessage(EventId = 7005, EventName = "RetrainingNotQueued", Level = LogLevel.Warning, Message = "{UseCase}: no training job could be queued (too many are waiting), as {Reason}")]
    private static partial void RetrainingNotQueued(ILogger logger, string useCase, string reason);

    /// <summary>Sets every use case's monitoring series from its last hour of windows and outcomes.</summary>
    public static async Task RefreshAsync(GraftHome home, MonitoringMetrics metrics, CancellationToken cancellationToken)
    {
        var reader = new MonitoringReader(home);
        var now = home.Now;
        foreach (var useCase in await new Graft.UseCases.UseCaseCatalog(home).ListAsync(cancellationToken))
        {
            metrics.Set(await reader.ReadAsync(useCase.Id, now - MonitoringMetrics.Span, null, null, cancellationToken), new DateTimeOffset(now, TimeSpan.Zero));
        }
    }

    [LoggerMessage(EventId = 7003, EventName = "MonitoringRefreshFailed", Level = LogLevel.Warning, Message = "the monitoring series of /metrics could not be set: {Error}")]
    private partial void RefreshFailed(string error);

    [LoggerMessage(EventId = 7001, EventName = "AlertChanged", Level = LogLevel.Warning, Message = "alert {Alert} of {UseCase}: {From} -> {To} at {Value}")]
    private partial void AlertChanged(string useCase, string alert, string from, string to, double? value);

    [LoggerMessage(EventId = 7002, EventName = "AlertEvaluationFailed", Level = LogLevel.Warning, Message = "alert rules could not be evaluated: {Error}")]
    private partial void EvaluationFailed(string error);
}

public static class AlertScheduleSetup
{
    public static IServiceCollection AddAlertSchedule(this IServiceCollection services, bool enabled) =>
        enabled ? services.AddHostedService<AlertSchedule>() : services;
}
