using Graft.Serving;
using Graft.Tests.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Serving;

public class PredictionPageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_batch_is_cut_into_pages_of_at_most_MaxRecords_each_of_one_use_case()
    {
        var batch = Enumerable.Range(0, 1200).Select(i => Record(i % 4 == 0 ? "other" : "toy", Start.AddMilliseconds(i / 100))).ToList();

        var pages = PredictionPage.Cut(batch).ToList();

        Assert.Equal([("other", 300), ("toy", 400), ("toy", 500)], pages.Select(p => (p.UseCaseId, p.Records.Count)).Order());
        Assert.Equal(batch.Count, pages.Sum(p => p.Records.Count));
        Assert.All(pages, p => Assert.All(p.Records, r => Assert.Equal(p.UseCaseId, r.UseCaseId)));
        Assert.All(pages, p => Assert.Equal((p.Records.Select(r => r.Id).Min(StringComparer.Ordinal), p.Records.Select(r => r.Id).Max(StringComparer.Ordinal)), (p.FirstId, p.LastId)));
    }

    [Fact]
    public void No_page_holds_records_made_MaxSpan_or_more_apart_whichever_order_they_came_in()
    {
        var batch = new[] { 30_000, 0, 59_999, 60_000, -1, 90_000 }.Select(ms => Record("toy", Start.AddMilliseconds(ms))).ToList();

        var pages = PredictionPage.Cut(batch).Select(p => p.Records.Select(r => PredictionIds.TimeOf(r.Id)!.Value - Start).Select(t => (int)t.TotalMilliseconds).ToList()).ToList();

        // 60,000 is a minute after 0, so it starts a page; -1 would stretch that one to 60,001 ms, and 90,000 -1's.
        Assert.Equal([[30_000, 0, 59_999], [60_000], [-1], [90_000]], pages);
    }

    [Fact]
    public void Ids_that_do_not_start_with_a_time_keep_to_pages_of_their_own()
    {
        var batch = new[] { Record("toy", Start), Record("toy", "not-a-time"), Record("toy", Start.AddSeconds(1)) };

        var pages = PredictionPage.Cut(batch).Select(p => p.Records.Count).Order().ToList();

        Assert.Equal([1, 1, 1], pages); // each id breaks the other kind's page
    }

    [Fact]
    public async Task A_record_is_found_in_a_page_that_began_almost_MaxSpan_before_it_and_a_window_takes_only_its_own()
    {
        await using var temp = await TempHome.CreateAsync();
        var (a, b) = (Record("toy", Start, "a"), Record("toy", Start.AddMilliseconds(59_999), "b"));
        var (c, d) = (Record("toy", Start.AddSeconds(60), "c"), Record("toy", Start.AddSeconds(61), "d"));
        var e = Record("other", Start, "e");
        await WriteAsync(temp, [a, b]); // pages [0 s, 59.999 s], [60 s, 61 s], and another use case's [0 s]
        await WriteAsync(temp, [c, d]);
        await WriteAsync(temp, [e]);
        var reader = new PredictionLogReader(temp.Home);
        await using (var db = temp.Home.CreateDb())
        {
            Assert.Equal([2, 2, 1], await db.PredictionPages.OrderBy(p => p.Id).Select(p => p.Count).ToListAsync());
        }

        var found = await Task.WhenAll(new[] { a, b, c, d }.Select(async r => (await reader.FindAsync("toy", r.Id))?.EntityId));
        var window = await reader.ReadAsync("toy", Start.AddSeconds(30), Start.AddSeconds(61)).Select(r => r.EntityId).ToListAsync();

        Assert.Equal(new string?[] { "a", "b", "c", "d" }, found);
        Assert.Null(await reader.FindAsync("toy", e.Id)); // another use case's
        Assert.Null(await reader.FindAsync("toy", PredictionIds.Next(Start.AddMilliseconds(59_999)))); // made in b's millisecond, but not b
        Assert.Equal(["b", "c"], window);
    }

    private static async Task WriteAsync(TempHome temp, PredictionRecord[] records)
    {
        var log = new PredictionLog(temp.Home, new PredictionLogOptions { Durable = true });
        using var stop = new CancellationTokenSource();
        var recording = log.RecordAllAsync(records, default); // queued before the writer runs: one batch
        var writer = log.RunAsync(stop.Token);
        await recording;
        await stop.CancelAsync();
        await writer;
    }

    private static PredictionRecord Record(string useCase, DateTimeOffset at, string? entity = null) => Record(useCase, PredictionIds.Next(at), entity);

    private static PredictionRecord Record(string useCase, string id, string? entity = null) =>
        new(id, useCase, DateTime.UtcNow, null, "champion", "auto", null, entity, "{}", "{}", 0.1, null);
}
