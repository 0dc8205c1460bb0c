using System.Text.Json.Serialization;

namespace Graft.Rollout.Challengers;

/// <summary>
/// Scoring times in buckets a sixteenth of a power of two wide (4.4 %), from a microsecond up: a few dozen counts
/// whatever the traffic, merged by adding, so processes sharing a store combine exactly. A quantile is read as the upper
/// bound of the bucket it falls in, within 4.4 % above the time measured.
/// </summary>
public sealed class LatencyHistogram
{
    private const double PerDoubling = 16;

    /// <summary>Count by bucket: bucket k holds times above 2^((k-1)/16) µs up to 2^(k/16) µs; bucket 0 everything up to 1 µs.</summary>
    [JsonInclude] public SortedDictionary<int, long> Buckets { get; private set; } = [];

    public long Count => Buckets.Values.Sum();

    public void Add(double microseconds)
    {
        var bucket = microseconds <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(microseconds) * PerDoubling);
        Buckets[bucket] = Buckets.GetValueOrDefault(bucket) + 1;
    }

    public void Merge(LatencyHistogram other)
    {
        foreach (var (bucket, count) in other.Buckets)
        {
            Buckets[bucket] = Buckets.GetValueOrDefault(bucket) + count;
        }
    }

    /// <summary>The time at or below which a share <paramref name="q"/> of the scorings took, in milliseconds; null without any.</summary>
    public double? QuantileMs(double q)
    {
        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        var seen = 0L;
        foreach (var (bucket, count) in Buckets)
        {
            seen += count;
            if (seen >= rank)
            {
                return Math.Round(Math.Pow(2, bucket / PerDoubling) / 1000, 4);
            }
        }
        return null;
    }
}
