using System.Diagnostics;
using Graft.Data;
using Graft.Storage;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Bench;

/// <summary>
/// What the model tests add to <c>graft train</c> on the hotel data (40,687 test rows, 2017's arrivals): five slice
/// fields, three expectations, a protected field, and the weak-segment search and calibration every run makes, for the
/// rule and the LightGBM candidate. Timed inside each run, from the "testing the models" step to "registering", against
/// the rest of the run.
/// </summary>
internal static class ModelTestBench
{
    private const int Rounds = 3;

    private const string Tests = """

        fields: { hotel: { protected: true } }
        model_tests:
          slices: [hotel, market_segment, customer_type, deposit_type, lead_time]
          fairness: { max_demographic_parity_difference: 0.2 }
          expectations:
            - { name: a longer lead time does not lower the risk, field: lead_time, direction: increasing }
            - { name: earlier cancellations do not lower the risk, field: previous_cancellations, direction: increasing }
            - { name: the day of the month does not matter, field: arrival_date_day_of_month, invariant: ["1", "15", "28"], tolerance: 0.1 }
        """;

    /// <summary>Records when each step starts, on the thread that reports it (a <see cref="Progress{T}"/> would post it later).</summary>
    private sealed class Steps : IProgress<TrainingProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public Dictionary<string, TimeSpan> Started { get; } = [];

        public void Report(TrainingProgress value) => Started.TryAdd(value.Step, _clock.Elapsed);
    }

    public static async Task RunAsync(string path)
    {
        var root = Path.Combine(Path.GetTempPath(), "graft-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var home = await GraftHome.OpenAsync(root);
            var actor = Graft.Governance.Actor.Operator("bench");
            var applied = await new UseCaseCatalog(home).ApplyAsync(HotelSpec.Yaml + Tests, "hotel.yaml", actor, default);
            await new DatasetCatalog(home).ImportAsync(applied.UseCaseId, path, actor, default);
            var totals = new List<TimeSpan>();
            var tests = new List<TimeSpan>();
            TrainingResult? last = null;
            for (var round = 0; round < Rounds; round++)
            {
                var steps = new Steps();
                var clock = Stopwatch.StartNew();
                last = await new TrainingRunner(home).RunAsync(new TrainingRequest(applied.UseCaseId), actor, steps, default);
                totals.Add(clock.Elapsed);
                tests.Add(steps.Started["registering"] - steps.Started["testing the models"]);
            }
            var total = Median(totals);
            var tested = Median(tests);
            var model = last!.Candidates.Single(c => c.Version == last.Best).ModelTests!;
            Console.WriteLine($"model tests on {model.Rows:N0} test rows: {model.Slices.Count} slices over 5 fields, {model.WeakSegments.Count} weak segments, {model.Expectations.Count} expectations, {model.Fairness.Count} protected field, for the rule and the model");
            Console.WriteLine($"graft train with them: median {total.TotalSeconds:N1} s of [{string.Join(", ", totals.Select(t => t.TotalSeconds.ToString("N1")))}]; the tests: median {tested.TotalSeconds:N2} s of [{string.Join(", ", tests.Select(t => t.TotalSeconds.ToString("N2")))}]");
            Console.WriteLine($"added to the rest of the run: {tested / (total - tested):P1} (target <= 20 %)");
            foreach (var e in model.Expectations)
            {
                Console.WriteLine($"  {e.Name}: {(e.Passed ? "passed" : "failed")}, {e.Evidence}");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}
