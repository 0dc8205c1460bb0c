using System.Diagnostics;
using System.Text.Json;
using Graft.Data;
using Graft.Data.Demo;
using Graft.Registry;
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
            var applied = await new UseCaseCatalog(home).ApplyAsync(ChurnDemoData.SpecYaml, "churn-risk.yaml", Graft.Governance.Actor.Operator("bench"), default);
            var path = Path.Combine(root, "customers.csv");
            await using (var writer = new StreamWriter(path))
            {
                ChurnDemoData.Write(writer, Rows, 7);
            }
            await new DatasetCatalog(home).ImportAsync(applied.UseCaseId, path, Graft.Governance.Actor.Operator("bench"), default);
            var result = await new TrainingRunner(home).RunAsync(new TrainingRequest(applied.UseCaseId), Graft.Governance.Actor.Operator("bench"), null, default);
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
                model.Score(InputColumns.From(model.Card, frame), explain: true); // warm-up, as for the batch above
                clock.Restart();
                model.Score(InputColumns.From(model.Card, frame), explain: true); // timed as the batch is: columns included
                var explained = Rows / clock.Elapsed.TotalSeconds;
                Console.WriteLine($"scoring in process, {version} ({model.Card.Candidate}): batch {batch:N0} rows/s per core ({explained:N0} with explanations); " +
                    $"single rows {single:N0}/s per core ({1e6 / single:0.0} µs each)");
                await new ModelRegistry(home).PromoteAsync(version, Graft.Governance.Actor.Operator("bench"), null, (v, ct) => LoadedModel.LoadAsync(home, v, ct), default);
                await PredictorAsync(home, applied.UseCaseId, frame);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// The whole answer to a 1,000-row batch request without HTTP, and to the same rows sent one request each: parse the JSON body, check every row, score and
    /// explain, build the answers and the masked log records, write the answer JSON. Log records are built but not
    /// written (the writer is a separate thread), so this is the request thread's cost per core.
    /// </summary>
    private static async Task PredictorAsync(GraftHome home, string useCase, Frame frame)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var rows = Enumerable.Range(0, 1000).Select(r => new Dictionary<string, object?>
        {
            ["entity_id"] = frame.Column("customer_id")[r],
            ["inputs"] = frame.Names.Where(n => n is not ("customer_id" or "churned"))
                .ToDictionary(n => n, n => double.TryParse(frame.Column(n)[r], System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : (object?)frame.Column(n)[r]),
        }).ToList();
        var body = JsonSerializer.SerializeToUtf8Bytes(new { rows }, json);
        var log = new PredictionLog(home, new PredictionLogOptions { Enabled = false }); // records are built (masked inputs, answer JSON), then let go
        var predictor = new Predictor(new ServingState(home), log, TimeProvider.System);
        var (parse, predict, write) = (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        const int Requests = 60;
        for (var i = -40; i < Requests; i++) // the first requests run while the JIT is still optimising
        {
            var clock = Stopwatch.StartNew();
            var request = JsonSerializer.Deserialize<PredictionRequest>(body, json)!;
            var parsed = clock.Elapsed;
            var outcome = await predictor.PredictBatchAsync(useCase, request.Rows!, null, default);
            var predicted = clock.Elapsed;
            JsonSerializer.SerializeToUtf8Bytes(new BatchPredictionResponse(outcome.Batch ?? throw new InvalidOperationException(outcome.Message)), json);
            if (i >= 0)
            {
                (parse, predict, write) = (parse + parsed, predict + predicted - parsed, write + clock.Elapsed - predicted);
            }
        }
        var singles = JsonSerializer.Deserialize<PredictionRequest>(body, json)!.Rows!.ConvertAll(r => new PredictionRequest(r.EntityId, r.Inputs));
        var (times, allocations) = (new List<double>(), new List<long>());
        for (var round = 0; round < 12; round++) // the first two rounds run while the JIT is still optimising; the median of the rest is reported
        {
            var bytes = GC.GetTotalAllocatedBytes(precise: true); // the whole process's: an await may move on to another thread
            var clock = Stopwatch.StartNew();
            foreach (var single in singles)
            {
                await predictor.PredictAsync(useCase, single, null, default);
            }
            if (round >= 2)
            {
                times.Add(clock.Elapsed.TotalMicroseconds / singles.Count);
                allocations.Add((GC.GetTotalAllocatedBytes(precise: true) - bytes) / singles.Count);
            }
        }
        Console.WriteLine($"  single-row requests in process (check, score, explain, log record): {times.Order().ElementAt(times.Count / 2):0.0} µs each (median of {times.Count} rounds), {allocations.Order().ElementAt(allocations.Count / 2):N0} bytes allocated each");
        var perRow = (TimeSpan t) => t.TotalMicroseconds / (Requests * 1000.0);
        var total = parse + predict + write;
        Console.WriteLine($"  batch requests in process (1,000 rows, explained, log records built): {Requests * 1000 / total.TotalSeconds:N0} rows/s per core; " +
            $"per row: parse {perRow(parse):0.0} µs, check+score+explain+log record {perRow(predict):0.0} µs, answer JSON {perRow(write):0.0} µs");
    }
}
