using System.Diagnostics;
using Graft.Training.Evaluation;
using Graft.UseCases;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace Graft.Training;

/// <summary>
/// Fits one model family: the featurizer once, then each of the family's few settings, keeping the one that
/// scores best on the validation split by the spec's metric. The test split is never seen here. Once a family
/// has spent <see cref="Budget"/>, its remaining settings are skipped (and say so), so a wide text table or
/// many classes cannot turn a search into an afternoon.
/// </summary>
public static class ModelSearch
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Tries each setting of one family, keeping the best on the validation split. Once the family has searched
    /// for <paramref name="budget"/> (default <see cref="Budget"/>), the settings left are listed as skipped
    /// (no score); the first is always tried.
    /// </summary>
    public static TrainedModel Run(MLContext ml, UseCaseSpec spec, TrainingTable fit, TrainingTable validation,
        IReadOnlyList<CandidateConfig> configs, int seed, Action<string>? progress = null, TimeSpan? budget = null)
    {
        var clock = Stopwatch.StartNew();
        var family = configs[0].Family;
        var classes = fit.Labels.Classes.Count;
        var featurizer = Featurizer.Build(ml, fit.Plan, linear: family == TrainerCatalog.Linear).Fit(fit.ToDataView());
        var fitFeatures = ml.Data.Cache(featurizer.Transform(fit.ToDataView()));
        var validationFeatures = ml.Data.Cache(featurizer.Transform(validation.ToDataView()));

        TrainedModel? best = null;
        var tried = new List<SearchStep>();
        foreach (var config in configs)
        {
            if (best is not null && clock.Elapsed > (budget ?? Budget))
            {
                tried.Add(new SearchStep(config.Describe() + " (skipped: the family's time budget was spent)", null)); // JSON has no NaN
                continue;
            }
            progress?.Invoke($"{family} {config.Describe()}");
            var model = Fit(TrainerCatalog.Build(ml, spec.Task, config, seed), fitFeatures, validationFeatures);
            var scores = ScoreReader.Read(model.Transform(validationFeatures), spec.Task, classes);
            var threshold = Evaluator.Threshold(spec, validation.Label, scores);
            var metrics = Evaluator.Evaluate(spec.Task, validation.Label, scores, classes, threshold);
            tried.Add(new SearchStep(config.Describe(), double.IsFinite(metrics[spec.Metric]) ? metrics[spec.Metric] : null));
            if (best is null || MetricCatalog.IsBetter(spec.Metric, metrics[spec.Metric], best.Validation[spec.Metric]))
            {
                best = new TrainedModel(config, model, threshold, metrics, scores, TimeSpan.Zero, tried, []);
            }
        }
        var chain = featurizer.Append(best!.Model);
        var explainer = Explainer.Build(ml, best.Model, fitFeatures);
        ITransformer full = explainer is null ? chain : chain.Append(explainer);
        var ranges = Featurizer.Ranges(fit.Plan, linear: family == TrainerCatalog.Linear, fitFeatures.Schema);
        return best with { Model = full, TrainTime = clock.Elapsed, Tried = tried, Features = explainer is null ? [] : ranges };
    }

    /// <summary>Trees get the validation data so they stop adding trees once it stops improving.</summary>
    private static ITransformer Fit(IEstimator<ITransformer> trainer, IDataView fit, IDataView validation) => trainer switch
    {
        LightGbmBinaryTrainer t => t.Fit(fit, validation),
        LightGbmMulticlassTrainer t => t.Fit(fit, validation),
        LightGbmRegressionTrainer t => t.Fit(fit, validation),
        _ => trainer.Fit(fit),
    };
}
