namespace Graft.Monitoring;

/// <summary>
/// What one use case's answers by one model version came to in one window, in summaries of a fixed size: counts by
/// route, fallback reason, warning and confidence, the answers sent to review, a latency sketch, and each input's and the score's counts over the bins its
/// model version fixed at training (<see cref="ReferenceProfile"/>). Adding two summaries gives exactly the summary of
/// both windows' answers, whichever process counted them and in whatever order, so windows roll up and processes merge.
/// </summary>
public sealed class WindowSummary
{
    public long Requests { get; set; }
    public SortedDictionary<string, long> Routes { get; set; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, long> Fallbacks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Warnings by <c>field/code</c>.</summary>
    public SortedDictionary<string, long> Warnings { get; set; } = new(StringComparer.Ordinal);
    public LatencySketch Latency { get; set; } = new();

    /// <summary>The model's answers by their confidence (high, medium, low), in shadow too; none for a regression's or the rule's.</summary>
    public SortedDictionary<string, long> Confidence { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The model's answers that opened a review item (the spec's review policy took them).</summary>
    public long Reviews { get; set; }

    /// <summary>The score over the reference's score bins (the predicted class for more than two classes); null when no model answered.</summary>
    public BinCounts? Score { get; set; }
    public SortedDictionary<string, BinCounts> Fields { get; set; } = new(StringComparer.Ordinal);

    public void Add(WindowSummary other)
    {
        Requests += other.Requests;
        AddCounts(Routes, other.Routes);
        AddCounts(Fallbacks, other.Fallbacks);
        AddCounts(Warnings, other.Warnings);
        AddCounts(Confidence, other.Confidence);
        Reviews += other.Reviews;
        Latency.Add(other.Latency);
        Score = BinCounts.Sum(Score, other.Score);
        foreach (var (field, counts) in other.Fields)
        {
            Fields[field] = BinCounts.Sum(Fields.GetValueOrDefault(field), counts)!;
        }
    }

    public static void Count(SortedDictionary<string, long> counts, string key, long add = 1) => counts[key] = counts.GetValueOrDefault(key) + add;

    private static void AddCounts(SortedDictionary<string, long> into, SortedDictionary<string, long> add)
    {
        foreach (var (key, count) in add)
        {
            Count(into, key, count);
        }
    }
}

/// <summary>
/// Values counted into a reference's bins (numeric: one more than its edges; categorical: its categories and one for
/// all others), with the values that were missing, and the sums of the numbers in the first and last bins: those lie
/// beyond the reference's range, and their sums give how far beyond exactly (for the Wasserstein distance).
/// </summary>
public sealed class BinCounts
{
    public long[] Bins { get; set; } = [];
    public long Missing { get; set; }
    public double LowSum { get; set; }
    public double HighSum { get; set; }

    public static BinCounts For(int bins) => new() { Bins = new long[bins] };

    public long Present => Bins.Sum();

    public void AddNumber(int bin, double value)
    {
        Bins[bin]++;
        if (bin == 0)
        {
            LowSum += value;
        }
        else if (bin == Bins.Length - 1)
        {
            HighSum += value;
        }
    }

    /// <summary>The two added; bins of different lengths (two references under one name) cannot be, and keep the larger side.</summary>
    public static BinCounts? Sum(BinCounts? a, BinCounts? b)
    {
        if (a is null || b is null)
        {
            return a is null ? b?.Copy() : a;
        }
        if (a.Bins.Length != b.Bins.Length)
        {
            return a.Present >= b.Present ? a : b.Copy();
        }
        for (var i = 0; i < a.Bins.Length; i++)
        {
            a.Bins[i] += b.Bins[i];
        }
        a.Missing += b.Missing;
        a.LowSum += b.LowSum;
        a.HighSum += b.HighSum;
        return a;
    }

    private BinCounts Copy() => new() { Bins = [.. Bins], Missing = Missing, LowSum = LowSum, HighSum = HighSum };
}

/// <summary>
/// Latencies in logarithmic buckets, each 2 % wider than the one below, so any quantile it gives is within 1 % of a
/// latency that was seen (DDSketch's scheme), and two sketches add bucket by bucket. Its size grows with the spread of
/// latencies (about 115 buckets a decade), never with their number.
/// </summary>
public sealed class LatencySketch
{
    private const double RelativeAccuracy = 0.01;
    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    /// <summary>Counts by bucket index: bucket i holds latencies in (γ^(i−1), γ^i] milliseconds; index 0 is for zero and below 1 µs.</summary>
    public SortedDictionary<int, long> Buckets { get; set; } = [];

    public long Count => Buckets.Values.Sum();

    public void AddMilliseconds(double ms)
    {
        var index = ms < 0.001 ? int.MinValue : (int)Math.Ceiling(Math.Log(ms) / LogGamma);
        Buckets[index] = Buckets.GetValueOrDefault(index) + 1;
    }

    public void Add(LatencySketch other)
    {
        foreach (var (index, count) in other.Buckets)
        {
            Buckets[index] = Buckets.GetValueOrDefault(index) + count;
        }
    }

    /// <summary>The q-quantile (0..1) in milliseconds, or null with nothing counted.</summary>
    public double? Quantile(double q)
    {
        var count = Count;
        if (count == 0)
        {
            return null;
        }
        var rank = (long)Math.Floor(q * (count - 1));
        var seen = 0L;
        foreach (var (index, n) in Buckets)
        {
            seen += n;
            if (seen > rank)
            {
                return index == int.MinValue ? 0 : 2 * Math.Pow(Gamma, index) / (Gamma + 1);
            }
        }
        return null;
    }
}
