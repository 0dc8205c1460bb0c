using System.Threading.Channels;

namespace Graft.Serving.Challengers;

/// <summary>
/// Where the request path leaves samples for the challenger's scorer (<see cref="ChallengerScorer"/>): bounded, and
/// never waited on. A sample that finds it full is dropped and counted, so a slow challenger costs the comparison some
/// pairs, never an answer its time.
/// </summary>
public sealed class ChallengerSamples(int capacity = ChallengerSamples.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly Channel<ChallengerSample> _channel = Channel.CreateBounded<ChallengerSample>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private long _offered;
    private long _dropped;

    public ChannelReader<ChallengerSample> Reader => _channel.Reader;

    public long Offered => Interlocked.Read(ref _offered);

    public long Dropped => Interlocked.Read(ref _dropped);

    public int Depth => _channel.Reader.Count;

    public void Offer(ChallengerSample sample)
    {
        Interlocked.Increment(ref _offered);
        if (!_channel.Writer.TryWrite(sample))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Takes no more samples: the scorer finishes those it has and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
