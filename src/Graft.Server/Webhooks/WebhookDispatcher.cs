using Graft.Storage;
using Graft.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Graft.Server.Webhooks;

/// <summary>
/// Sends due webhook deliveries in the background, every <see cref="WebhookSchedule.PollInterval"/> (again at once after a
/// full batch). Every process sharing the store may run it: each attempt is claimed by one. Off with
/// <c>Graft:Webhooks:Enabled=false</c>.
/// </summary>
public sealed class WebhookDispatcher(GraftHome home, WebhookSender sender, IOptions<WebhookSchedule> options, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await sender.SendDueAsync(stoppingToken) < schedule.BatchSize)
                {
                    await Task.Delay(schedule.PollInterval, home.Time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // the store may be busy or away for a while: the deliveries stay due, and the next pass takes them
                logger.SendingFailed(e.Message);
                await Task.Delay(schedule.PollInterval, home.Time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
