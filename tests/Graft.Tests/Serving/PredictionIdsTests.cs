using Graft.Serving;

namespace Graft.Tests.Serving;

public class PredictionIdsTests
{
    [Fact]
    public void Ids_are_unique_uuid7s_that_sort_by_time_between_the_log_window_bounds()
    {
        var start = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 100_000).Select(i => (At: start.AddMilliseconds(i / 100), Id: PredictionIds.Next(start.AddMilliseconds(i / 100)))).ToList();

        Assert.Equal(ids.Count, ids.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, i =>
        {
            var guid = Guid.ParseExact(i.Id, "N"); // a UUID: version 7, the RFC's variant
            Assert.Equal(7, guid.Version);
            Assert.Equal(0b10, guid.Variant >> 2);
            Assert.InRange(string.CompareOrdinal(i.Id, PredictionIds.FirstAt(i.At)), 1, int.MaxValue);
            Assert.InRange(string.CompareOrdinal(i.Id, PredictionIds.FirstAt(i.At.AddMilliseconds(1))), int.MinValue, -1);
        });
        Assert.Equal(ids.Select(i => i.At), ids.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => i.At)); // by time, whatever the random part
    }

    [Fact]
    public void The_time_of_an_id_is_read_back_and_only_from_lowercase_hex()
    {
        var at = new DateTimeOffset(2026, 11, 28, 10, 0, 0, 123, TimeSpan.Zero);
        var id = PredictionIds.Next(at);

        Assert.Equal(at, PredictionIds.TimeOf(id));
        Assert.Null(PredictionIds.TimeOf(id.ToUpperInvariant())); // sorts outside the log's lowercase bounds
        Assert.Null(PredictionIds.TimeOf("p1"));
        Assert.Null(PredictionIds.TimeOf("not-a-time-at-all"));
        Assert.Null(PredictionIds.TimeOf("ffffffffffff0000")); // past the year 9999
    }
}
