using System.Text;
using Graft.Serving;
using Graft.Tests.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Serving;

public class PredictionLogTests
{
    [Fact]
    public async Task In_durable_mode_a_requests_records_are_committed_together_not_one_transaction_each()
    {
        await using var temp = await TempHome.CreateAsync();
        var log = new PredictionLog(temp.Home, new PredictionLogOptions { Durable = true });
        using var stop = new CancellationTokenSource();

        var recording = log.RecordAllAsync(Records(300), default); // queues all 300, then waits for their commits
        var writer = log.RunAsync(stop.Token);
        await recording;

        Assert.Equal(300, log.Written);
        Assert.Equal(1, log.Batches); // one transaction; one a record would be 300
        await stop.CancelAsync();
        await writer;
    }

    [Fact]
    public async Task Every_field_of_every_record_reads_back_as_written()
    {
        await using var temp = await TempHome.CreateAsync();
        var log = new PredictionLog(temp.Home, new PredictionLogOptions { Durable = true });
        using var stop = new CancellationTokenSource();
        var writer = log.RunAsync(stop.Token);
        var start = new DateTime(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        // Values change, repeat and turn null from one record to the next; ids do not start with a time, so each is
        // found by a scan of its use case's pages.
        var records = Enumerable.Range(0, 12).Select(i => new PredictionRecord(
            new PredictionResponse($"p{i}", i < 6 ? "toy" : "other", i % 3 == 0 ? null : $"toy-v{i % 2}", "auto", null, i % 4 == 0 ? "fallback" : "auto",
                i % 4 == 0 ? "no_model" : null, "yes", 1, 0.5, null, null, null, [], [], null, null, 0.25 * i),
            i % 3 == 0 ? null : $"toy-v{i % 2}", i % 5 == 0 ? null : $"é-{i}", Encoding.UTF8.GetBytes($$"""{"note":"ünïcode {{i}}"}"""), "{}"u8.ToArray(), i % 2 == 0 ? "key-a" : null, start.AddSeconds(i / 3))).ToList(); // built in UTF-8, as the log builds them

        await log.RecordAllAsync(records, default);
        await stop.CancelAsync();
        await writer;

        var reader = new PredictionLogReader(temp.Home);
        foreach (var expected in records)
        {
            var actual = await reader.FindAsync(expected.UseCaseId, expected.Id);
            Assert.Equivalent(expected, actual, strict: true);
        }
        Assert.Null(await reader.FindAsync("toy", "p7")); // another use case's
    }

    [Fact]
    public async Task A_page_is_a_gzip_json_array_of_records_named_as_the_api_names_things()
    {
        await using var temp = await TempHome.CreateAsync();
        var log = new PredictionLog(temp.Home, new PredictionLogOptions { Durable = true });
        using var stop = new CancellationTokenSource();
        var at = new DateTime(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc);
        var recording = log.RecordAllAsync([
            new PredictionRecord(new PredictionResponse("p1", "toy", "toy-v1", "champion", null, "auto", null, "yes", 0.9, 0.5, null, null, null, [], [], null, null, 1.5),
                "e1", """{"x":1}""", """{"label":"yes"}""", "key-a", at),
            new PredictionRecord(new PredictionResponse("p2", "toy", null, "champion", null, "fallback", "killed", "no", null, null, null, null, null, [], [], null, null, 0.25),
                null, """{"x":2}""", """{"label":"no"}""", null, at),
        ], default); // both queued before the writer runs, so one batch and one page
        var writer = log.RunAsync(stop.Token);
        await recording;
        await stop.CancelAsync();
        await writer;

        await using var db = temp.Home.CreateDb();
        var page = await db.PredictionPages.SingleAsync();
        using var gunzip = new System.IO.Compression.GZipStream(new MemoryStream(page.Records), System.IO.Compression.CompressionMode.Decompress);
        var json = await new StreamReader(gunzip).ReadToEndAsync();

        Assert.Equal(("toy", "p1", "p2", 2), (page.UseCaseId, page.FirstId, page.LastId, page.Count));
        Assert.Equal("""
            [{"id":"p1","at":"2026-11-28T10:00:00Z","model_version":"toy-v1","stage":"champion","route":"auto","entity_id":"e1","inputs":{"x":1},"output":{"label":"yes"},"latency_ms":1.5,"key_id":"key-a"},{"id":"p2","at":"2026-11-28T10:00:00Z","stage":"champion","route":"fallback","fallback_reason":"killed","inputs":{"x":2},"output":{"label":"no"},"latency_ms":0.25}]
            """, json);
    }

    [Fact]
    public async Task A_full_queue_makes_a_buffered_request_wait_for_room_rather_than_lose_its_records()
    {
        await using var temp = await TempHome.CreateAsync();
        var log = new PredictionLog(temp.Home, new PredictionLogOptions { Capacity = 50, FullWait = TimeSpan.FromSeconds(30) });
        using var stop = new CancellationTokenSource();
        var writer = log.RunAsync(stop.Token);

        foreach (var request in Records(2000).Chunk(500))
        {
            await log.RecordAllAsync(request, default); // each request holds ten times what the queue does
        }
        await stop.CancelAsync();
        await writer;

        Assert.Equal(0, log.Dropped);
        Assert.Equal(2000, log.Written);
    }

    [Fact]
    public async Task Under_steady_load_the_writer_lets_a_batch_gather_each_flush_interval_instead_of_writing_a_stream_of_small_ones()
    {
        await using var temp = await TempHome.CreateAsync();
        var log = new PredictionLog(temp.Home, new PredictionLogOptions());
        using var stop = new CancellationTokenSource();
        var writer = log.RunAsync(stop.Token);
        var records = Records(6000);

        // 5 records a millisecond for about 1.2 s, as single-row requests arrive: each batch takes a few
        // milliseconds to write, during which more arrive; those wait for the next flush interval.
        await Task.Factory.StartNew(async () =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < records.Count; i += 5)
            {
                while (clock.Elapsed.TotalMilliseconds < i / 5.0)
                {
                    Thread.SpinWait(100);
                }
                await log.RecordAllAsync(records.GetRange(i, 5), default);
            }
        }, TaskCreationOptions.LongRunning).Unwrap();
        await stop.CancelAsync();
        await writer;

        Assert.Equal(6000, log.Written);
        Assert.InRange(log.Batches, 1, 1.2 / PredictionLog.FlushInterval.TotalSeconds + 6); // one an interval, and the last on stopping
    }

    [Fact]
    public async Task When_no_room_comes_in_time_the_records_that_did_not_fit_are_dropped_and_counted()
    {
        await using var temp = await TempHome.CreateAsync();
        var log = new PredictionLog(temp.Home, new PredictionLogOptions { Capacity = 50, FullWait = TimeSpan.FromMilliseconds(20) });

        await log.RecordAllAsync(Records(80), default); // no writer is running, so nothing makes room

        Assert.Equal(30, log.Dropped);
        Assert.Equal(50, log.QueueDepth);
    }

    [Fact]
    public async Task A_window_of_the_log_is_a_range_of_ids()
    {
        await using var temp = await TempHome.CreateAsync();
        var log = new PredictionLog(temp.Home, new PredictionLogOptions { Durable = true });
        using var stop = new CancellationTokenSource();
        var writer = log.RunAsync(stop.Token);
        var start = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(-2, 6).SelectMany(s => new[] { "toy", "other" }.Select(useCase => new PredictionRecord(
            new PredictionResponse(PredictionIds.Next(start.AddSeconds(s).AddMilliseconds(s == 1 ? 999 : 0)), useCase, null, "auto", null, "auto", null, "yes", 1, 0.5, null, null, null, [], [], null, null, 0.1),
            $"second {s}", "{}", "{}", null, start.AddSeconds(s).UtcDateTime))).ToList();
        await log.RecordAllAsync(records, default);
        await stop.CancelAsync();
        await writer;

        var window = await new PredictionLogReader(temp.Home).ReadAsync("toy", start, start.AddSeconds(2)).Select(r => r.EntityId).ToListAsync();

        Assert.Equal(["second 0", "second 1"], window); // not -2, -1 (before) nor 2, 3 (at the end and after), nor the other use case's
    }

    [Fact]
    public async Task A_batch_that_cannot_be_written_is_counted_and_the_next_ones_are_written()
    {
        await using var temp = await TempHome.CreateAsync();
        var log = new PredictionLog(temp.Home, new PredictionLogOptions { Durable = true });
        using var stop = new CancellationTokenSource();
        var whose = new PredictionRecord(new PredictionResponse("p0", null!, null, "shadow", null, "fallback", "no_model", "yes", 1, 0.5, null, null, null, [], [], null, null, 0.1),
            "e", "{}", "{}", null, DateTime.UtcNow);

        var refused = log.RecordAllAsync([whose, Records(1)[0]], default); // queued before the writer runs, so one batch; a record without a use case fails it
        var writer = log.RunAsync(stop.Token);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await refused);
        await log.RecordAllAsync(Records(5), default);
        await stop.CancelAsync();
        await writer;

        Assert.Equal((2, 5), (log.Failed, log.Written));
    }

    private static List<PredictionRecord> Records(int count) => Enumerable.Range(0, count).Select(i => new PredictionRecord(
        new PredictionResponse($"p{i}", "toy", null, "shadow", null, "fallback", "no_model", "yes", 1, 0.5, null, null, null, [], [], null, null, 0.1),
        $"e{i}", "{}", "{}", null, DateTime.UtcNow)).ToList();
}
