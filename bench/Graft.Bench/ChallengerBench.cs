using System.Diagnostics;
using Graft.Data;
using Graft.Governance;
using Graft.Rollout;
using Graft.Rollout.Challengers;
using Graft.Serving;
using Graft.Serving.Challengers;
using Graft.Storage;

namespace Graft.Bench;

/// <summary>
/// What a shadow challenger costs a single-row request in process, on the demo's churn use case (its linear champion,
/// its LightGBM version as the challenger on 10 % of entities): the request thread's time, and the whole process's CPU
/// time a request, the challenger's scoring off the request path included. Rounds with and without it take turns.
/// </summary>
internal static class ChallengerBench
{
    private static readonly Actor Bench = DemoStore.Bench;

    private const int Requests = 20_000;

    public static async Task RunAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "graft-bench-challenger-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var home = await GraftHome.OpenAsync(root);
            var path = Path.Combine(root, "customers.csv");
            var result = await DemoStore.CreateAsync(home, path, Requests, 7);
            var challenger = result.Candidates.First(c => c.Version is not null && c.Version != result.Champion).Version!;
            var frame = DelimitedFile.Read(await File.ReadAllBytesAsync(path), "customers.csv");
            var requests = Enumerable.Range(0, Requests).Select(r => new PredictionRequest(frame.Column("customer_id")[r],
                frame.Names.Where(n => n is not ("customer_id" or "churned")).ToDictionary(n => n, n => InputValue.Of(frame.Column(n)[r])))).ToList();

            var state = new ServingState(home);
            var samples = new ChallengerSamples();
            var scorer = new ChallengerScorer(state, samples, home);
            using var stopping = new CancellationTokenSource();
            var scoring = Task.Run(() => scorer.RunAsync(stopping.Token));
            var predictor = new Predictor(state, new PredictionLog(home, new PredictionLogOptions { Enabled = false }), TimeProvider.System, null, samples);
            var control = new ChallengerControl(home);
            var actor = Bench;
            var (alone, shadowed) = (new List<(double Thread, double Cpu)>(), new List<(double Thread, double Cpu)>());
            for (var round = 0; round < 32; round++) // the first twelve rounds run while the JIT is still compiling and optimising (its CPU time counts)
            {
                var on = round % 2 == 1;
                if (on)
                {
                    await control.SetAsync("churn-risk", new ChallengerChange(challenger, ChallengerMode.Shadow, 10, "bench"), actor, state.ModelAsync, default);
                }
                else
                {
                    await control.ClearAsync("churn-risk", "bench", actor, default);
                }
                state.Invalidate("churn-risk");
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                foreach (var request in requests)
                {
                    await predictor.PredictAsync("churn-risk", request, null, default);
                }
                var thread = clock.Elapsed.TotalMicroseconds / Requests;
                while (samples.Depth > 0)
                {
                    await Task.Delay(10); // the challenger's work counts too
                }
                await Task.Delay(ChallengerScorer.GatherInterval * 2);
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / Requests;
                if (round >= 12)
                {
                    (on ? shadowed : alone).Add((thread, used));
                }
            }
            await stopping.CancelAsync();
            await scoring;
            var median = (List<(double Thread, double Cpu)> runs, Func<(double Thread, double Cpu), double> of) => runs.Select(of).Order().ElementAt(runs.Count / 2);
            Console.WriteLine($"single-row requests in process, {Requests:N0} entities, medians of {alone.Count} rounds each, taking turns:");
            var each = (List<(double Thread, double Cpu)> runs) => string.Join(", ", runs.Select(r => $"{r.Cpu:0}"));
            Console.WriteLine($"  no challenger:          {median(alone, r => r.Thread):0.0} µs on the request's thread, {median(alone, r => r.Cpu):0.0} µs of CPU a request ({each(alone)})");
            Console.WriteLine($"  shadow {challenger} on 10 %: {median(shadowed, r => r.Thread):0.0} µs on the request's thread, {median(shadowed, r => r.Cpu):0.0} µs of CPU a request " +
                $"({each(shadowed)}; {scorer.Compared:N0} compared off the path, {samples.Dropped:N0} dropped)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
