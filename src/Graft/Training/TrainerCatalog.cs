using Graft.UseCases;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace Graft.Training;

/// <summary>
/// The model families Graft trains for each task and the few settings it tries of each: general defaults that
/// hold up on small and large tables alike (regularisation, shallow-to-medium trees, early stopping on a
/// validation split), never tuned to one dataset.
/// </summary>
public static class TrainerCatalog
{
    public const string Linear = "linear";
    public const string LightGbm = "lightgbm";
    private const int MaxIterations = 1000;

    // A multiclass model grows one tree per class per iteration; capping the total keeps training time and
    // scoring latency bounded however many classes there are (77 intents: 129 iterations).
    private const int MaxTrees = 10_000;
    private const int EarlyStoppingRounds = 40;

    public static IReadOnlyList<CandidateConfig> For(TaskKind task, int classCount = 2)
    {
        var iterations = task == TaskKind.Multiclass ? Math.Min(MaxIterations, MaxTrees / Math.Max(1, classCount)) : MaxIterations;
        var linearTrainer = task switch
        {
            TaskKind.Binary => "LbfgsLogisticRegression",
            TaskKind.Multiclass => "LbfgsMaximumEntropy",
            _ => "SdcaRegression",
        };
        return
        [
            new(Linear, linearTrainer, new Dictionary<string, double> { ["l2"] = 0.1 }),
            new(Linear, linearTrainer, new Dictionary<string, double> { ["l2"] = 2 }),
            new(LightGbm, "LightGbm", Trees(leaves: 15, l2: 1, iterations)),
            new(LightGbm, "LightGbm", Trees(leaves: 31, l2: 10, iterations)),
        ];
    }

    // Small trees with a slow learning rate: deeper trees win on a validation split drawn from the training
    // period but carry over worse to later data, which is what a model meets in production.
    private static Dictionary<string, double> Trees(int leaves, double l2, int iterations) => new()
    {
        ["leaves"] = leaves,
        ["min_leaf"] = 20,
        ["learning_rate"] = 0.05,
        ["max_iterations"] = iterations,
        ["early_stopping_rounds"] = EarlyStoppingRounds,
        ["feature_fraction"] = 0.8,
        ["l2"] = l2,
    };

    /// <summary>The trainer for a config. Trees stop early on the validation data passed to Fit.</summary>
    public static IEstimator<ITransformer> Build(MLContext ml, TaskKind task, CandidateConfig config, int seed)
    {
        if (config.Family == Linear)
        {
            var l2 = (float)config["l2"];
            return task switch
            {
                TaskKind.Binary => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
                    new LbfgsLogisticRegressionBinaryTrainer.Options { L2Regularization = l2, L1Regularization = 0, HistorySize = 20 }),
                TaskKind.Multiclass => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                    new LbfgsMaximumEntropyMulticlassTrainer.Options { L2Regularization = l2, L1Regularization = 0, HistorySize = 20 }),
                _ => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { L2Regularization = l2, NumberOfThreads = 1, Shuffle = false }),
            };
        }
        var booster = new GradientBooster.Options { L2Regularization = config["l2"], FeatureFraction = config["feature_fraction"] };
        var leaves = (int)config["leaves"];
        var minLeaf = (int)config["min_leaf"];
        var rate = config["learning_rate"];
        var iterations = (int)config["max_iterations"];
        var stop = (int)config["early_stopping_rounds"];
        return task switch
        {
            TaskKind.Binary => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfLeaves = leaves, MinimumExampleCountPerLeaf = minLeaf, LearningRate = rate, NumberOfIterations = iterations,
                EarlyStoppingRound = stop, Booster = booster, Seed = seed, Silent = true, Verbose = false,
            }),
            TaskKind.Multiclass => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                NumberOfLeaves = leaves, MinimumExampleCountPerLeaf = minLeaf, LearningRate = rate, NumberOfIterations = iterations,
                EarlyStoppingRound = stop, Booster = booster, Seed = seed, Silent = true, Verbose = false, UseSoftmax = true,
            }),
            _ => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                NumberOfLeaves = leaves, MinimumExampleCountPerLeaf = minLeaf, LearningRate = rate, NumberOfIterations = iterations,
                EarlyStoppingRound = stop, Booster = booster, Seed = seed, Silent = true, Verbose = false,
            }),
        };
    }
}
