using System.Diagnostics;
using Graft.Feedback;
using Graft.Governance;
using Graft.Serving;
using Graft.Storage;
using Graft.UseCases;

namespace Graft.Bench;

/// <summary>
/// The outcome import rate, joining by entity, against a log of 10 million predictions: 30 days of churn-risk answers
/// (one every 0.26 s) for a million customers, written by the log's writer with its entity index. Reports of 10,000
/// outcomes, each for a customer that was predicted, observed up to two days after a prediction of it, are recorded as
/// <c>graft outcomes import</c> records them; then single-outcome reports, as an app posting one at a time does.
/// </summary>
internal static class OutcomeBench
{
    private const int Predictions = 10_000_000;
    private const int Chunk = 500_000;
    private static readonly TimeSpan Span = TimeSpan.FromDays(30);

    public static async Task RunAsync(int predictions = Predictions)
    {
        var root = Path.Combine(Path.GetTempPath(), "graft-bench-outcomes-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var home = await GraftHome.OpenAsync(root);
            await new UseCaseCatalog(home).ApplyAsync(Graft.Data.Demo.ChurnDemoData.SpecYaml, "churn-risk.yaml", Actor.Operator("bench"), default);
            var start = home.Now - Span;
            var every = Span / predictions;
            var clock = Stopwatch.StartNew();
            for (var first = 0; first < predictions; first += Chunk)
            {
                var count = Math.Min(Chunk, predictions - first);
                var log = new PredictionLog(home, new PredictionLogOptions { Capacity = count });
                var records = Enumerable.Range(first, count).Select(i => LogBench.Record(i, start + (every * i))).ToList();
                for (var i = 0; i < count; i += 1000)
                {
                    await log.RecordAllAsync(records.GetRange(i, Math.Min(1000, count - i)), default);
                }
                using var stop = new CancellationTokenSource();
                var writer = Task.Run(() => log.RunAsync(stop.Token));
                while (log.Written + log.Failed < count)
                {
                    await Task.Delay(5);
                }
                await stop.CancelAsync();
                await writer;
            }
            Console.WriteLine($"outcomes: a log of {predictions:N0} predictions over {Span.TotalDays:0} days written in {clock.Elapsed.TotalSeconds:N0} s; store {new FileInfo(Path.Combine(root, "graft.db")).Length / 1e9:N2} GB");

            var random = new Random(5);
            OutcomeReport Report()
            {
                var i = random.Next(predictions);
                var record = LogBench.Record(i, start + (every * i)); // the same entity and time the log holds for prediction i
                var observed = record.At + TimeSpan.FromMinutes(random.Next(0, 2 * 24 * 60));
                return new OutcomeReport(null, record.EntityId, observed > home.Now ? home.Now : observed, "Yes", null);
            }
            var recorder = new OutcomeRecorder(home);
            foreach (var size in new[] { 10_000, 10_000, 10_000 })
            {
                var reports = Enumerable.Range(0, size).Select(_ => Report()).ToList();
                clock.Restart();
                var result = await recorder.RecordAsync("churn-risk", reports, Actor.Operator("bench"), default);
                Console.WriteLine($"outcomes: a report of {size:N0} by entity recorded in {clock.Elapsed.TotalSeconds:N1} s: {result.Recorded / clock.Elapsed.TotalSeconds:N0} outcomes/s");
            }
            var singles = new List<double>();
            for (var i = 0; i < 200; i++)
            {
                var report = Report();
                clock.Restart();
                await recorder.RecordAsync("churn-risk", [report], Actor.Operator("bench"), default);
                singles.Add(clock.Elapsed.TotalMilliseconds);
            }
            singles.Sort();
            Console.WriteLine($"outcomes: one outcome by entity a report: p50 {singles[singles.Count / 2]:N1} ms, p95 {singles[(int)(singles.Count * 0.95)]:N1} ms over {singles.Count} reports");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
