using System.Diagnostics;
using Graft.Governance;
using Graft.Review;
using Graft.Storage;
using Graft.UseCases;

namespace Graft.Bench;

/// <summary>
/// The review queue's latency on a queue of a million pending items (made over a week, as the log's writer makes
/// them): claiming an item, deciding it, the next page of pending items oldest first (which also brings stored
/// states up to date, as every list does), and the sweep <c>graft serve</c> runs once a minute.
/// </summary>
internal static class ReviewQueueBench
{
    private const int Items = 1_000_000;
    private const int Samples = 300;

    public static async Task RunAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "graft-bench-review-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var home = await GraftHome.OpenAsync(root);
            await new UseCaseCatalog(home).ApplyAsync(Graft.Data.Demo.ChurnDemoData.SpecYaml, "churn-risk.yaml", Actor.Operator("bench"), default);
            var clock = Stopwatch.StartNew();
            var start = home.Now.AddDays(-7);
            for (var first = 0; first < Items; first += 20_000)
            {
                await using var db = home.CreateDb();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.ReviewItems.AddRange(Enumerable.Range(first, 20_000).Select(i => Item(i, start.AddSeconds(i * 0.6))));
                await db.SaveChangesAsync();
            }
            Console.WriteLine($"review queue: {Items:N0} pending items stored in {clock.Elapsed.TotalSeconds:N0} s");

            var queue = new ReviewQueue(home);
            var random = new Random(3);
            var ids = Enumerable.Range(0, Samples).Select(_ => $"rv-bench-{random.Next(Items):D7}").Distinct().ToList();
            var claims = await TimeAsync(ids, (id, i) => queue.ClaimAsync(id, Reviewer(i), default));
            var decisions = await TimeAsync(ids, async (id, i) =>
                await queue.DecideAsync(id, new DecisionRequest(ReviewDecisions.Accept, await queue.HeldTokenAsync(id, Reviewer(i), default)), Reviewer(i), default));
            var lists = await TimeAsync(ids.Take(50).ToList(), (_, _) => queue.ListAsync(new ReviewFilter("churn-risk", ReviewStates.Pending, Limit: 50), default));
            clock.Restart();
            await queue.RefreshAsync(default);
            var sweep = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine($"review queue of {Items:N0}: claim p50 {claims.P50:N1} ms, p95 {claims.P95:N1} ms; decide (with the claim's token) p50 {decisions.P50:N1} ms, p95 {decisions.P95:N1} ms; " +
                $"next 50 pending p50 {lists.P50:N1} ms, p95 {lists.P95:N1} ms; sweep {sweep:N0} ms ({ids.Count} claims and decisions, 50 lists)");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Actor Reviewer(int i) => Actor.Key($"key_r{i % 20}", "reviewer");

    private static ReviewItem Item(int i, DateTime at) => new()
    {
        Id = $"rv-bench-{i:D7}", UseCaseId = "churn-risk", PredictionId = $"p-bench-{i:D7}", ModelVersion = "churn-risk-v1", EntityId = $"C-{i:D7}",
        Stage = "assist", CreatedAt = at, ExpiresAt = at.AddDays(30), SelectedBy = "band", Label = "Yes", Score = 0.55, Confidence = "low",
        InputsJson = """{"plan":"Basic","contract":"Month-to-month","tenure_months":7,"monthly_charges":81.5}""", AnswerJson = """{"label":"Yes","score":0.55}""",
    };

    private static async Task<(double P50, double P95)> TimeAsync<T>(List<string> ids, Func<string, int, Task<T>> act)
    {
        var times = new List<double>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            await act(ids[i], i);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.95)]);
    }
}
