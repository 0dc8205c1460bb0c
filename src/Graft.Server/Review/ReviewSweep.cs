using Graft.Review;
using Graft.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graft.Server.Review;

/// <summary>
/// Keeps the queue's stored states true while nobody asks it: every <see cref="Every"/> it expires items nobody decided
/// in time and frees claims whose lease ran out (<see cref="ReviewQueue.RefreshAsync"/>). Every process sharing a store
/// may run it; each change is idempotent, so running it twice changes nothing more.
/// </summary>
public sealed partial class ReviewSweep(GraftHome home, ILogger<ReviewSweep> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = new ReviewQueue(home);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await queue.RefreshAsync(stoppingToken) is > 0 and var expired)
                {
                    ItemsExpired(expired);
                }
                await Task.Delay(Every, home.Time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SweepFailed(e.Message);
                await Task.Delay(Every, home.Time, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "{Count} review items expired undecided")]
    private partial void ItemsExpired(int count);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "The review queue could not be brought up to date: {Reason}; trying again in a minute")]
    private partial void SweepFailed(string reason);
}
