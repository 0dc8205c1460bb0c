using Graft.Governance;
using Graft.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graft.Server.Governance;

/// <summary>
/// Runs retention once a day for the whole store: every <see cref="Every"/>, this process tries to claim the day
/// (<see cref="ScheduledRuns"/>); the one process of those sharing the store that claims it runs it. Off with
/// <c>Graft:Retention:Enabled=false</c>.
/// </summary>
public sealed class RetentionSchedule(GraftHome home, ILogger<RetentionSchedule> logger) : BackgroundService
{
    public const string EnabledSetting = "Graft:Retention:Enabled";

    public static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runs = new ScheduledRuns(home, logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runs.RunRetentionIfDueAsync(stoppingToken);
                await Task.Delay(Every, home.Time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}

public static class RetentionScheduleSetup
{
    public static IServiceCollection AddRetentionSchedule(this IServiceCollection services, bool enabled) =>
        enabled ? services.AddHostedService<RetentionSchedule>() : services;
}
