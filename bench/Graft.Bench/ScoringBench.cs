using System.Diagnostics;
using Graft.Data;
using Graft.Data.Demo;
using Graft.Serving;
using Graft.Storage;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Bench;

/// <summary>
/// In-process scoring throughput with the demo's churn champion: the vectorised batch path over a 100,000-row
/// table, and the pooled single-row path, each on one thread (so the numbers are per core).
/// </summary>
internal static class ScoringBench
{
    private const int Rows = 100_000;

    public static async Task RunAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "graft-bench-score-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var home = await GraftHome.OpenAsync(root);
            var applied = await new UseCaseCatalog(home).ApplyAsync(ChurnDemoData.SpecYaml, "churn-risk.yaml", default);
            var path = Path.Combine(root, "customers.csv");
            await using (var writer = new StreamWriter(path))
            {
                ChurnDemoData.Write(writer, Rows, 7);
            }
            await new DatasetCatalog(home).ImportAsync(applied.UseCaseId, path, default);
            var result = await new TrainingRunner(home).RunAsync(new TrainingRequest(applied.UseCaseId), null, default);
            var frame = DelimitedFile.Read(await File.ReadAllBytesAsync(path), "customers.csv");
            foreach (var version in result.Candidates.Where(c => c.Version is not null).Select(c => c.Version!))
            {
                var model = await LoadedModel.LoadAsync(home, version, default);
                BatchScorer.Score(model, frame); // warm-up
                var clock = Stopwatch.StartNew();
                BatchScorer.Score(model, frame);
                var batch = Rows / clock.Elapsed.TotalSeconds;

                var rows = Enumerable.Range(0, 20_000).Select(r => (IReadOnlyDictionary<string, object?>)frame.Names
                    .ToDictionary(n => n, n => (object?)frame.Column(n)[r], StringComparer.Ordinal)).ToList();
                rows.Take(1000).ToList().ForEach(r => model.Score(r, explain: false));
                clock.Restart();
                foreach (var row in rows)
                {
                    model.Score(row, explain: false);
                }
                var single = rows.Count / clock.Elapsed.TotalSeconds;
                Console.WriteLine($"scoring in process, {version} ({model.Card.Candidate}): batch {batch:N0} rows/s per core; single rows {single:N0}/s per core ({1e6 / single:0.0} µs each)");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
