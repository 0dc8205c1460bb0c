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
    private const int Rounds = 3;

    /// <summary>Alternates the two for a few rounds and reports medians: single timings on two shared cores vary.</summary>
    public static async Task RunAsync(string path)
    {
        var root = Path.Combine(Path.GetTempPath(), "graft-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var home = await GraftHome.OpenAsync(root);
            var applied = await new UseCaseCatalog(home).ApplyAsync(HotelSpec.Yaml, "hotel.yaml", Graft.Governance.Actor.Operator("bench"), default);
            var clock = Stopwatch.StartNew();
            var import = await new DatasetCatalog(home).ImportAsync(applied.UseCaseId, path, Graft.Governance.Actor.Operator("bench"), default);
            Console.WriteLine($"import into the store (hash, parse, infer, write): {clock.Elapsed.TotalSeconds:N2} s = {import.Version.Rows / clock.Elapsed.TotalSeconds:N0} rows/s");
            var files = SplitFiles.Write(path, SpecReader.Parse(HotelSpec.Yaml), root);

            var graftTimes = new List<TimeSpan>();
            var plainTimes = new List<TimeSpan>();
            double graftAuc = 0, plainAuc = 0;
            for (var round = 0; round < Rounds; round++)
            {
                clock.Restart();
                var result = await new TrainingRunner(home).RunAsync(new TrainingRequest(applied.UseCaseId), Graft.Governance.Actor.Operator("bench"), null, default);
                graftTimes.Add(clock.Elapsed);
                graftAuc = result.Candidates.Single(c => c.Version == result.Best).Metrics["roc_auc"];
                var card = await new ModelRegistry(home).CardAsync(result.Best!, default);

                clock.Restart();
                plainAuc = Plain(files, card.Inputs);
                plainTimes.Add(clock.Elapsed);
            }
            var graft = graftTimes.Order().ElementAt(Rounds / 2);
            var plain = plainTimes.Order().ElementAt(Rounds / 2);
            Console.WriteLine($"graft train (lightgbm family), end to end: median {graft.TotalSeconds:N1} s of [{Seconds(graftTimes)}], test ROC AUC {graftAuc:0.0000}");
            Console.WriteLine($"plain ML.NET LightGBM pipeline, same rows and settings: median {plain.TotalSeconds:N1} s of [{Seconds(plainTimes)}], test ROC AUC {plainAuc:0.0000}");
            Console.WriteLine($"ratio graft / plain (medians): {graft / plain:0.00}x (target <= 1.5x)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Seconds(IEnumerable<TimeSpan> times) => string.Join(", ", times.Select(t => t.TotalSeconds.ToString("N1", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The plain pipeline reads the same fit, validation and test rows Graft used, from three CSV files.</summary>
    private static double Plain(SplitFiles files, IReadOnlyList<ModelInput> inputs)
    {
        var ml = new MLContext(seed: 42);
        var header = File.ReadLines(files.Fit).First().Split(',');
        var columns = inputs.Select(i => new TextLoader.Column(i.Column, i.Kind == InputKind.Numeric ? DataKind.Single : DataKind.String, Array.IndexOf(header, i.Field)))
            .Append(new TextLoader.Column("is_canceled", DataKind.Single, Array.IndexOf(header, "is_canceled")))
            .ToArray();
        var options = new TextLoader.Options { Separators = [','], HasHeader = true, AllowQuoting = true, MissingRealsAsNaNs = true, Columns = columns };
        var split = (TrainSet: ml.Data.LoadFromTextFile(files.Fit, options), TestSet: ml.Data.LoadFromTextFile(files.Validation, options));
        var test = ml.Data.LoadFromTextFile(files.Test, options);

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
