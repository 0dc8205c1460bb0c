using System.Diagnostics;
using System.Text;
using Graft.Serving;
using Graft.Storage;

namespace Graft.Bench;

/// <summary>
/// The prediction log's write rate on its own: rounds of 300,000 records shaped like the demo's (a dozen
/// inputs, a score and a three-field explanation, 1,000 to a request), each queued first, then written by the
/// log's single writer on an otherwise idle machine, all into the same store, so the last rounds show the rate
/// of a log that has grown to a couple of gigabytes. The log must keep up with batch scoring over HTTP, or
/// records are dropped, however long it has been running.
/// </summary>
internal static class LogBench
{
    private const int Records = 300_000;
    private const int Rounds = 8;

    public static async Task RunAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "graft-bench-log-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var home = await GraftHome.OpenAsync(root);
            var rates = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                var log = new PredictionLog(home, new PredictionLogOptions { Capacity = Records });
                var start = home.Now.AddMinutes(round);
                var records = Enumerable.Range(0, Records).Select(i => Record(i, start.AddMilliseconds(i / 1000))).ToList(); // 1,000 to a request
                for (var i = 0; i < Records; i += 1000)
                {
                    await log.RecordAllAsync(records.GetRange(i, 1000), default);
                }
                using var stop = new CancellationTokenSource();
                var clock = Stopwatch.StartNew();
                var writer = Task.Run(() => log.RunAsync(stop.Token));
                while (log.Written + log.Failed < Records)
                {
                    await Task.Delay(1);
                }
                var elapsed = clock.Elapsed; // a full queue is written at once, without the pause that lets a batch gather
                await stop.CancelAsync();
                await writer;
                rates.Add(Records / elapsed.TotalSeconds);
                Console.WriteLine($"prediction log, round {round + 1} of {Rounds}: {rates[^1]:N0} records/s written " +
                    $"({log.Batches:N0} transactions, {log.Dropped:N0} dropped, {log.Failed:N0} failed; store {new FileInfo(Path.Combine(root, "graft.db")).Length / 1e6 + WalSize(root):N0} MB)");
            }
            Console.WriteLine($"prediction log: {rates[0]:N0} records/s into a new store, {rates.Skip(Rounds / 2).Min():N0} at the slowest of the last {Rounds / 2} rounds, as it grows");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static double WalSize(string root) =>
        File.Exists(Path.Combine(root, "graft.db-wal")) ? new FileInfo(Path.Combine(root, "graft.db-wal")).Length / 1e6 : 0;

    private static PredictionRecord Record(int i, DateTime at)
    {
        var response = new PredictionResponse(Guid.CreateVersion7().ToString("N"), "churn-risk", "churn-risk@3", "champion", "auto", null,
            "true", 0.73, 0.5, null, null, "high", [new Contribution("tenure_months", -0.41), new Contribution("plan", 0.22), new Contribution("monthly_spend", 0.08)], 0.042);
        var inputs = $$"""{"tenure_months":{{i % 72}},"plan":"pro","monthly_spend":{{i % 300}}.5,"support_tickets":{{i % 7}},"region":"north","seats":{{i % 40}},"last_login_days":{{i % 30}},"email":"***","payment_method":"card","contract":"monthly","discount":0.1,"notes":"asked about pricing"}""";
        return new PredictionRecord(response, $"customer-{(i * 7919L) % 1_000_003}", Encoding.UTF8.GetBytes(inputs), PredictionRecord.OutputJsonOf(new ModelOutput(response.Label, response.Score, null, null, response.Explanation)), "key-1", at); // entities in no order; UTF-8, as the log builds them
    }
}
