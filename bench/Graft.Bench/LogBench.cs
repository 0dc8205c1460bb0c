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
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var writer = Task.Run(() => log.RunAsync(stop.Token));
                while (log.Written + log.Failed < Records)
                {
                    await Task.Delay(1);
                }
                var elapsed = clock.Elapsed; // a full queue is written at once, without the pause that lets a batch gather
                var cpuPerRecord = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / Records;
                await stop.CancelAsync();
                await writer;
                rates.Add(Records / elapsed.TotalSeconds);
                Console.WriteLine($"prediction log, round {round + 1} of {Rounds}: {rates[^1]:N0} records/s written, {cpuPerRecord:N2} µs of CPU a record " +
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

    /// <summary>
    /// A record like a demo prediction's: the values vary as real ones do (amounts in cents, scores and
    /// contributions to six places, entities in no order), since the log compresses its pages and repeated
    /// values would compress better than real ones.
    /// </summary>
    internal static PredictionRecord Record(int i, DateTime at)
    {
        var random = new Random(i);
        var score = Math.Round(random.NextDouble(), 6);
        var response = new PredictionResponse(PredictionIds.Next(at), "churn-risk", "churn-risk-v3", "champion", null, "auto", null,
            score >= 0.5 ? "Yes" : "No", score, 0.5, null, null, "high", [],
            [new Contribution("tenure_months", Math.Round(random.NextDouble() - 0.5, 6)), new Contribution("contract", Math.Round(random.NextDouble() - 0.5, 6)),
                new Contribution("monthly_charges", Math.Round(random.NextDouble() - 0.5, 6))], -1.1, 0.02, Math.Round(random.NextDouble() / 10, 3));
        string[] plans = ["Basic", "Standard", "Premium"], contracts = ["Month-to-month", "One year", "Two year"], texts = ["How do I change my plan?", "My invoice is wrong", "The app keeps logging me out", ""];
        var inputs = string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""{"plan":"{{plans[random.Next(3)]}}","contract":"{{contracts[random.Next(3)]}}","payment_method":"Card","region":"North","tenure_months":{{random.Next(72)}},"monthly_charges":{{random.Next(2000, 12000) / 100.0}},"total_charges":{{random.Next(0, 800000) / 100.0}},"support_tickets_90d":{{random.Next(6)}},"logins_30d":{{random.Next(40)}},"late_payments_12m":{{random.Next(4)}},"nps_score":{{random.Next(11)}},"email":"••••••","last_ticket_text":"{{texts[random.Next(4)]}}"}""");
        return new PredictionRecord(response, response.ModelVersion, $"C-{random.Next(1_000_000):D6}", Encoding.UTF8.GetBytes(inputs),
            PredictionRecord.OutputJsonOf(new ModelOutput(response.Label, response.Score, null, null, response.Explanation)), "key_Xw3f9a0b", at); // UTF-8, as the log builds them
    }
}
