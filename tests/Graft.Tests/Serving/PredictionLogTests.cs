using Graft.Serving;
using Graft.Tests.Storage;

namespace Graft.Tests.Serving;

public class PredictionLogTests
{
    [Fact]
    public async Task In_durable_mode_a_requests_records_are_committed_together_not_one_transaction_each()
    {
        await using var temp = await TempHome.CreateAsync();
        var log = new PredictionLog(temp.Home, new PredictionLogOptions { Durable = true });
        using var stop = new CancellationTokenSource();
        var writer = log.RunAsync(stop.Token);
        var records = Enumerable.Range(0, 300).Select(i => new PredictionRecord(
            new PredictionResponse($"p{i}", "toy", null, "shadow", "fallback", "no_model", "yes", 1, 0.5, null, null, null, [], 0.1),
            $"e{i}", "{}", "{}", null, DateTime.UtcNow)).ToList();

        await log.RecordAllAsync(records, default);

        Assert.Equal(300, log.Written);
        Assert.InRange(log.Batches, 1, 3); // the writer may wake before the last record is queued; one record each would be 300
        await stop.CancelAsync();
        await writer;
    }
}
