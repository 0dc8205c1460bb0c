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

    /// <summary>
    /// The weights of a served model's linear predictor, when it has one (binary through its calibrator, or
    /// regression). A linear model's contribution of a feature is its weight times its value — what the
    /// calculation above computes — so serving multiplies the two itself: exact for every slot, and a fraction of
    /// the general calculation's cost per row.
    /// </summary>
    public static float[]? LinearWeights(ITransformer model) => Linear(model)?.Weights;

    /// <summary>
    /// A served model's linear predictor, when it has one: its weights, its bias (a row's raw score is the bias plus
    /// weight × value over the slots) and, for a binary model, its Platt calibration (slope, offset).
    /// </summary>
    public static (float[] Weights, double Bias, (double Slope, double Offset)? Calibration)? Linear(ITransformer model)
    {
        foreach (var part in Flatten(model))
        {
            var (inner, calibrator) = Unwrap((part as ISingleFeaturePredictionTransformer<object>)?.Model);
            if (inner is LinearModelParameters linear)
            {
                (double, double)? calibration = calibrator is PlattCalibrator platt ? (platt.Slope, platt.Offset) : null;
                return ([.. linear.Weights], linear.Bias, calibration);
            }
        }
        return null;
    }

    /// <summary>
    /// A predictor's model parameters, and for a calibrated binary model the model inside and its calibrator.
    /// ML.NET types the pair by the concrete model, so they are read by name; derived types redeclare the
    /// properties with their own types, so the first one holding a value is taken.
    /// </summary>
    internal static (object? Model, object? Calibrator) Unwrap(object? parameters)
    {
        if (parameters is not CalibratedModelParametersBase calibrated)
        {
            return (parameters, null);
        }
        object? Property(string name) => calibrated.GetType().GetProperties().Where(p => p.Name == name).Select(p => p.GetValue(calibrated)).FirstOrDefault(v => v is not null);
        return (Property("SubModel"), Property("Calibrator"));
    }

    /// <summary>A model's transformers in order, with nested chains opened.</summary>
    internal static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];
}
