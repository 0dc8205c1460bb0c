namespace Graft.Webhooks;

/// <summary>
/// When deliveries are sent and retried (configuration section <see cref="Section"/>; tests shrink the numbers). After a
/// failed attempt the next follows <see cref="FirstRetry"/>, doubling each time up to <see cref="MaxRetry"/>, each delay
/// shortened by up to <see cref="Jitter"/> of itself, so that receivers coming back are not met by every sender at once;
/// a delivery not delivered within <see cref="RetryFor"/> of being queued fails.
/// </summary>
public sealed class WebhookSchedule
{
    public const string Section = "Graft:Webhooks";

    /// <summary>Whether this process sends (default true); every process sharing a store may, each attempt is sent by one.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the store is asked for due deliveries. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a receiver has to answer. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed attempt is held before another process may send it: more than <see cref="Timeout"/>. Default 1 min.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The delay after the first failed attempt. Default 10 s.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest delay between attempts. Default 1 h.</summary>
    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after it was queued a delivery is still tried. Default 24 h.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The largest share (0 to 1) of a delay cut at random. Default 0.2.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>Deliveries claimed by one process at a time. Default 20.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// When to try again after <paramref name="attempts"/> failed attempts of a delivery queued at
    /// <paramref name="queuedAt"/>, the last at <paramref name="now"/>; null when that would be past the retry window.
    /// <paramref name="random"/> (0 to 1) picks the jitter.
    /// </summary>
    public DateTime? NextAttempt(int attempts, DateTime queuedAt, DateTime now, double random)
    {
        var doublings = Math.Min(Math.Max(attempts - 1, 0), 30); // 2^30 steps is past any cap
        var delay = Math.Min(FirstRetry.TotalSeconds * Math.Pow(2, doublings), MaxRetry.TotalSeconds) * (1 - Jitter * Math.Clamp(random, 0, 1));
        var next = now.AddSeconds(delay);
        return next <= queuedAt + RetryFor ? next : null;
    }
}
