using System.Diagnostics;
using System.Threading.Channels;
using Graft.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graft.Serving;

/// <summary>
/// Writes prediction records in batches from a bounded queue, never one blocking write per request.
/// Durability is a choice: <c>buffered</c> (the default) answers at once and writes within
/// <see cref="FlushInterval"/>; when the queue is full a request waits for room up to
/// <see cref="PredictionLogOptions.FullWait"/>, so overload slows answers before it loses records, and only
/// then are its records dropped and counted. <c>durable</c> answers only after the batch holding the record is committed. Records that cannot be written are counted,
/// never silently lost; the counts are what /metrics shows.
/// </summary>
public sealed class PredictionLog(GraftHome home, PredictionLogOptions options, ILogger<PredictionLog>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<PredictionLog>.Instance;
    private readonly Monitoring.TrafficTally _tally = new(home);
    private readonly Monitoring.WindowTally _windows = new(home);
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    private const int BatchSize = 2000;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(options.Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private long _written;
    private long _dropped;
    private long _failed;
    private long _batches;

    public long Written => Interlocked.Read(ref _written);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Transactions written: with <see cref="Written"/>, how well records are batched.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public int QueueDepth => _queue.Reader.Count;

    public TimeSpan LastBatchDuration { get; private set; }

    /// <summary>
    /// Records the answers to one request. Durable: all of them are queued first, then awaited together, so a
    /// batch request's records are committed in one transaction rather than one after another.
    /// </summary>
    public async ValueTask RecordAllAsync(IReadOnlyList<PredictionRecord> records, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        if (!options.Durable)
        {
            var queued = 0;
            while (queued < records.Count && _queue.Writer.TryWrite(new Pending(records[queued], null)))
            {
                queued++;
            }
            if (queued < records.Count)
            {
                await WaitForRoomAsync(records, queued);
            }
            return;
        }
        var committed = new Task[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _queue.Writer.WriteAsync(new Pending(records[i], signal), cancellationToken);
            committed[i] = signal.Task;
        }
        await Task.WhenAll(committed).WaitAsync(cancellationToken);
    }

    private async ValueTask WaitForRoomAsync(IReadOnlyList<PredictionRecord> records, int queued)
    {
        // Not the caller's token: a prediction was made and answered even if the caller has since gone away.
        using var patience = new CancellationTokenSource(options.FullWait);
        try
        {
            for (; queued < records.Count; queued++)
            {
                await _queue.Writer.WriteAsync(new Pending(records[queued], null), patience.Token);
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Add(ref _dropped, records.Count - queued);
        }
    }

    /// <summary>
    /// How often the writer saves its traffic and monitoring counts at most: under load a batch is written every few
    /// milliseconds, and two read-modify-write transactions for each cost the writer more than the records themselves.
    /// When the queue falls idle, the counts are saved once this much has passed since the last save.
    /// </summary>
    public static readonly TimeSpan TallyInterval = TimeSpan.FromSeconds(1);

    private readonly Stopwatch _sinceTally = Stopwatch.StartNew();

    /// <summary>The writer loop: runs until stopped, then writes what is still queued and saves the counts.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var batch = new List<Pending>(BatchSize);
        await using var writer = new PredictionRecordWriter(home);
        try
        {
            while (await ReadyAsync(stopping))
            {
                // Let a batch gather, unless one already has (or the queue is half full); durable callers are waiting.
                if (!options.Durable && !BatchWaiting)
                {
                    await Task.Delay(FlushInterval, stopping);
                }
                await DrainAsync(writer, batch, untilEmpty: false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping: fall through and flush what remains
        }
        _queue.Writer.TryComplete();
        await DrainAsync(writer, batch, untilEmpty: true);
        await SaveTalliesAsync();
    }

    /// <summary>Waits for records; while idle with counts unsaved, saves them when they fall due rather than when traffic resumes.</summary>
    private async Task<bool> ReadyAsync(CancellationToken stopping)
    {
        var ready = _queue.Reader.WaitToReadAsync(stopping).AsTask();
        if (!ready.IsCompleted && (_tally.Pending || _windows.Pending))
        {
            var due = TallyInterval - _sinceTally.Elapsed;
            if (due <= TimeSpan.Zero || await Task.WhenAny(ready, Task.Delay(due, stopping)) != ready)
            {
                await SaveTalliesAsync();
            }
        }
        return await ready;
    }

    /// <summary>Whether a whole batch is waiting (or the queue is half full), so the writer need not let one gather.</summary>
    private bool BatchWaiting => _queue.Reader.Count >= Math.Min(BatchSize, options.Capacity / 2);

    /// <summary>
    /// Writes what is queued, a batch at a time. Buffered, unless <paramref name="untilEmpty"/>, it stops once less
    /// than a batch is waiting, so that the next one gathers: under steady load records arrive while a batch is
    /// written, and writing those at once turned one transaction per flush interval into a stream of small ones, each
    /// paying a commit, a page and a count of its own (at 12,000 requests a second, 90 records a transaction instead
    /// of a thousand).
    /// </summary>
    private async Task DrainAsync(PredictionRecordWriter writer, List<Pending> batch, bool untilEmpty)
    {
        while (_queue.Reader.TryRead(out var first))
        {
            batch.Clear();
            batch.Add(first);
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            await WriteAsync(writer, batch);
            if (!untilEmpty && !options.Durable && !BatchWaiting)
            {
                return;
            }
        }
    }

    private async Task WriteAsync(PredictionRecordWriter writer, List<Pending> batch)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var records = batch.ConvertAll(p => p.Record);
                await writer.InsertAsync(records);
                Interlocked.Add(ref _written, batch.Count);
                Interlocked.Increment(ref _batches);
                batch.ForEach(p => p.Committed?.TrySetResult());
                await CountAsync(records);
                if (_sinceTally.Elapsed >= TallyInterval)
                {
                    await SaveTalliesAsync();
                }
                break;
            }
            catch (Exception e) when (attempt < 3)
            {
                _logger.LogBatchRetried(batch.Count, e.Message, attempt + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
            }
            catch (Exception e)
            {
                _logger.LogBatchFailed(batch.Count, e.Message);
                Interlocked.Add(ref _failed, batch.Count);
                batch.ForEach(p => p.Committed?.TrySetException(new InvalidOperationException("the prediction record could not be written", e)));
                break;
            }
        }
        LastBatchDuration = clock.Elapsed;
    }

    /// <summary>Counts a written batch into its traffic and monitoring windows, in memory; a failure there is reported and loses only those counts, never records.</summary>
    private async Task CountAsync(List<PredictionRecord> records)
    {
        _tally.Count(records);
        try
        {
            if (options.Windows)
            {
                await _windows.CountAsync(records, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.WindowsFailed(records.Count, e.Message);
        }
    }

    /// <summary>Saves the counts so far; counts contended past every retry wait for the next save.</summary>
    private async Task SaveTalliesAsync()
    {
        _sinceTally.Restart();
        try
        {
            await _tally.SaveAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.CountsNotSaved("traffic", e.Message);
        }
        try
        {
            await _windows.SaveAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.CountsNotSaved("monitoring", e.Message);
        }
    }

    private sealed record Pending(PredictionRecord Record, TaskCompletionSource? Committed);
}

/// <summary>The prediction log's policy: queue capacity and whether answers wait for the record to be committed.</summary>
public sealed class PredictionLogOptions
{
    public const string Section = "Graft:PredictionLog";

    /// <summary>Records waiting to be written before new ones are dropped (buffered) or wait (durable). Default 100,000.</summary>
    public int Capacity { get; set; } = 100_000;

    /// <summary>
    /// Buffered: how long a request waits for room in a full queue before its records are dropped and counted.
    /// Default 1 s; zero drops at once.
    /// </summary>
    public TimeSpan FullWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Answer only after the record is committed. Default false (buffered).</summary>
    public bool Durable { get; set; }

    /// <summary>Count each written batch into its monitoring windows. Default true; turning it off blinds <c>graft monitor</c> and exists to measure its cost.</summary>
    public bool Windows { get; set; } = true;

    /// <summary>Keep the log at all. Default true; turning it off loses the audit record of predictions and exists to measure its cost.</summary>
    public bool Enabled { get; set; } = true;
}
