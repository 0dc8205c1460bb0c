using System.Diagnostics;
using System.Globalization;
using Graft.Feedback;
using Graft.Registry;
using Graft.UseCases;

namespace Graft.Bench;

/// <summary>
/// What live quality costs to compute (the metrics and the bootstrap interval of <c>graft review stats</c>, the quality
/// route and the live_quality gate) over 1,000 to 1,000,000 joined binary outcomes, scores and labels made up from a
/// fixed seed so the model is right about four times in five.
/// </summary>
public static class LiveQualityBench
{
    public static void Run()
    {
        var spec = new UseCaseSpec { Id = "bench", Title = "Bench", Task = TaskKind.Binary, TargetColumn = "label", TargetPositive = "yes", Metric = "roc_auc" };
        var card = new ModelCard("bench-v1", "bench", TaskKind.Binary, "linear", "linear", [], ["no", "yes"], "yes", 0.5, []);
        Console.WriteLine("live quality: metrics and 95% bootstrap interval of roc_auc");
        Console.WriteLine("| joined outcomes | roc_auc | interval | time |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var rows in new[] { 1_000, 10_000, 100_000, 1_000_000 })
        {
            var random = new Random(7);
            var joined = Enumerable.Range(0, rows).Select(_ =>
            {
                var positive = random.NextDouble() < 0.3;
                var score = Math.Clamp((positive ? 0.65 : 0.35) + ((random.NextDouble() - 0.5) * 0.8), 0, 1);
                return new JoinedAnswer(string.Create(CultureInfo.InvariantCulture, $"{{\"label\":\"{(score >= 0.5 ? "yes" : "no")}\",\"score\":{score:0.######}}}"), positive ? "yes" : "no", null);
            }).ToList();
            LiveQualityMetrics.Compute(spec, card, null, joined[..Math.Min(rows, 2_000)]); // warm: the first call compiles
            var clock = Stopwatch.StartNew();
            var live = LiveQualityMetrics.Compute(spec, card, null, joined);
            clock.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {rows:N0} | {live.Value:0.0000} | {live.Interval?.Low:0.0000}–{live.Interval?.High:0.0000} | {clock.Elapsed.TotalMilliseconds:N0} ms |"));
        }
    }
}
