using Graft.Webhooks;

namespace Graft.Tests.Webhooks;

public class WebhookScheduleTests
{
    private static readonly DateTime Queued = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Delays_start_at_ten_seconds_and_double_up_to_an_hour()
    {
        var schedule = new WebhookSchedule { Jitter = 0 };

        var delays = Enumerable.Range(1, 12).Select(n => (schedule.NextAttempt(n, Queued, Queued, 0.5)!.Value - Queued).TotalSeconds);

        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600], delays);
    }

    [Fact]
    public void A_receiver_down_for_a_day_gets_32_attempts_and_then_none()
    {
        // 10 attempts by 5,110 s (10 + 20 + … + 2,560), then one an hour while the next is within 24 h: 22 more.
        var schedule = new WebhookSchedule { Jitter = 0 };
        var (attempts, at) = (1, Queued);
        while (schedule.NextAttempt(attempts, Queued, at, 0) is { } next)
        {
            (attempts, at) = (attempts + 1, next);
        }

        Assert.Equal(32, attempts);
        Assert.Equal(84_310, (at - Queued).TotalSeconds);
    }

    [Fact]
    public void Jitter_only_shortens_a_delay_and_by_at_most_its_share()
    {
        var schedule = new WebhookSchedule(); // 0.2

        Assert.Equal(80, (schedule.NextAttempt(4, Queued, Queued, 0)!.Value - Queued).TotalSeconds);
        Assert.Equal(64, (schedule.NextAttempt(4, Queued, Queued, 1)!.Value - Queued).TotalSeconds, 6);
        Assert.Equal(3600 * 0.9, (schedule.NextAttempt(20, Queued, Queued, 0.5)!.Value - Queued).TotalSeconds, 6);
    }
}
