using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;

namespace Graft.Training;

/// <summary>
/// Adds ML.NET's feature contribution calculation after a model, so every prediction can say which features
/// pushed it up or down (exact per-path contributions for trees, weight × value for linear models). Available
/// for binary and regression models; multiclass models have none in ML.NET.
/// </summary>
public static class Explainer
{
    public const string Column = "FeatureContributions";
    private const int Top = 10;

    public static ITransformer? Build(MLContext ml, ITransformer predictor, IDataView featurized)
    {
        if (predictor is ISingleFeaturePredictionTransformer<ICalculateFeatureContribution> plain)
        {
            return ml.Transforms.CalculateFeatureContribution(plain, Top, Top, normalize: false).Fit(featurized);
        }
        // Calibrated binary models explain through their uncalibrated sub-model; ML.NET offers that as a
        // generic overload, which is reached here through the model's concrete type arguments.
        var calibrated = predictor.GetType().GetInterfaces()
            .Select(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISingleFeaturePredictionTransformer<>) ? i.GetGenericArguments()[0] : null)
            .FirstOrDefault(t => t is { IsGenericType: true } && t.GetGenericTypeDefinition() == typeof(CalibratedModelParametersBase<,>));
        if (calibrated is null || !typeof(ICalculateFeatureContribution).IsAssignableFrom(calibrated.GetGenericArguments()[0]))
        {
            return null;
        }
        var method = typeof(ExplainabilityCatalog).GetMethods()
            .Single(m => m.Name == nameof(ExplainabilityCatalog.CalculateFeatureContribution) && m.IsGenericMethodDefinition)
            .MakeGenericMethod(calibrated.GetGenericArguments());
        var estimator = (IEstimator<ITransformer>)method.Invoke(null, [ml.Transforms, predictor, Top, Top, false])!;
        return estimator.Fit(featurized);
    }
}
