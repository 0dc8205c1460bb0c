using System.Diagnostics;
using Graft.Data;
using Graft.Registry;
using Graft.Storage;
using Graft.Training;
using Graft.UseCases;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Graft.Bench;

/// <summary>
/// `graft train` end to end (load from the store, audit, split, rule baseline, the LightGBM search with early
/// stopping, evaluation, reference distributions, registration) against a plain ML.NET pipeline that does the
/// same model work (same input columns, same train and test rows, same trainer settings, same search) reading the
/// CSV with ML.NET's own TextLoader. The ratio is Graft's overhead on top of the model work itself.
/// </summary>
internal static class TrainingBench
{
    public static async Task RunAsync(string path)
    {
        var root = Path.Combine(Path.GetTempPath(), "graft-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var home = await GraftHome.OpenAsync(root);
            var applied = await new UseCaseCatalog(home).ApplyAsync(HotelSpec.Yaml, "hotel.yaml", default);
            var clock = Stopwatch.StartNew();
            var import = await new DatasetCatalog(home).ImportAsync(applied.UseCaseId, path, default);
            var importTime = clock.Elapsed;
            clock.Restart();
            var result = await new TrainingRunner(home).RunAsync(new TrainingRequest(applied.UseCaseId), null, default);
            var graftTime = clock.Elapsed;
            var graftAuc = result.Candidates.Single(c => c.Version == result.Best).Metrics["roc_auc"];
            var card = await ReadCardAsync(home, result.Best!);

            clock.Restart();
            var plainAuc = Plain(path, card.Inputs);
            var plainTime = clock.Elapsed;

            Console.WriteLine($"import into the store (hash, parse, infer, write): {importTime.TotalSeconds:N2} s = {import.Version.Rows / importTime.TotalSeconds:N0} rows/s");
            Console.WriteLine($"graft train (lightgbm family), end to end: {graftTime.TotalSeconds:N1} s, test ROC AUC {graftAuc:0.0000}");
            Console.WriteLine($"plain ML.NET LightGBM pipeline, same rows and settings: {plainTime.TotalSeconds:N1} s, test ROC AUC {plainAuc:0.0000}");
            Console.WriteLine($"ratio graft / plain: {graftTime / plainTime:0.00}x (target <= 1.5x)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<ModelCard> ReadCardAsync(GraftHome home, string version)
    {
        await using var stream = await home.Artifacts.OpenReadAsync($"models/{version}/card.json", default);
        return (await System.Text.Json.JsonSerializer.DeserializeAsync<ModelCard>(stream, ModelRegistry.Json))!;
    }

    private static double Plain(string path, IReadOnlyList<ModelInput> inputs)
    {
        var ml = new MLContext(seed: 42);
        var header = File.ReadLines(path).First().Split(',');
        var columns = inputs.Select(i => new TextLoader.Column(i.Column, i.Kind == InputKind.Numeric ? DataKind.Single : DataKind.String, Array.IndexOf(header, i.Field)))
            .Append(new TextLoader.Column("is_canceled", DataKind.Single, Array.IndexOf(header, "is_canceled")))
            .Append(new TextLoader.Column("year", DataKind.Single, Array.IndexOf(header, "arrival_date_year")))
            .ToArray();
        var data = ml.Data.LoadFromTextFile(path, new TextLoader.Options
        {
            Separators = [','], HasHeader = true, AllowQuoting = true, MissingRealsAsNaNs = true, Columns = columns,
        });
        var train = ml.Data.FilterRowsByColumn(data, "year", upperBound: 2017);
        var test = ml.Data.FilterRowsByColumn(data, "year", lowerBound: 2017);
        var split = ml.Data.TrainTestSplit(train, testFraction: 0.15, seed: 42);

        var plan = new FeaturePlan(inputs, new Dictionary<string, string>());
        var featurizer = ml.Transforms.Conversion.ConvertType("Label", "is_canceled", DataKind.Boolean)
            .Append(Featurizer.Build(ml, plan, linear: false))
            .Fit(split.TrainSet);
        var fit = ml.Data.Cache(featurizer.Transform(split.TrainSet));
        var validation = ml.Data.Cache(featurizer.Transform(split.TestSet));

        ITransformer? best = null;
        var bestAuc = double.MinValue;
        foreach (var config in TrainerCatalog.For(TaskKind.Binary).Where(c => c.Family == TrainerCatalog.LightGbm))
        {
            var trainer = (Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer)TrainerCatalog.Build(ml, TaskKind.Binary, config, 42);
            var model = trainer.Fit(fit, validation);
            var auc = ml.BinaryClassification.Evaluate(model.Transform(validation)).AreaUnderRocCurve;
            if (auc > bestAuc)
            {
                (best, bestAuc) = (model, auc);
            }
        }
        return ml.BinaryClassification.Evaluate(best!.Transform(featurizer.Transform(test))).AreaUnderRocCurve;
    }
}
