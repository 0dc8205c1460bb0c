using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace Graft.Training;

/// <summary>
/// Builds the estimator that turns a use case's input columns into one "Features" vector. Trees take numbers
/// as they are (LightGBM routes missing values itself); linear models get missing values imputed with an
/// indicator, and standardized numbers. Categories are one-hot encoded and text becomes n-gram features.
/// A pure function of the plan: testable on tiny data, and the same for training and serving.
/// </summary>
public static class Featurizer
{
    public const string Features = "Features";
    private const int MaxCategories = 1000;

    // Trees split on one feature at a time, so tens of thousands of sparse character n-grams cost them much time
    // for little gain; the most frequent words and word pairs carry most of what they can use.
    private static readonly TextFeaturizingEstimator.Options CompactText = new()
    {
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, MaximumNgramsCount = [5000] },
        CharFeatureExtractor = null,
        Norm = TextFeaturizingEstimator.NormFunction.None,
    };

    public static IEstimator<ITransformer> Build(MLContext ml, FeaturePlan plan, bool linear)
    {
        var parts = new List<string>();
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();

        var numeric = plan.Inputs.Where(i => i.Kind == InputKind.Numeric).Select(i => i.Column).ToArray();
        if (numeric.Length > 0)
        {
            pipeline = pipeline.Append(ml.Transforms.Concatenate("f.numbers", numeric));
            if (linear)
            {
                pipeline = pipeline
                    .Append(ml.Transforms.IndicateMissingValues("f.missing", "f.numbers"))
                    .Append(ml.Transforms.Conversion.ConvertType("f.missing", outputKind: DataKind.Single))
                    .Append(ml.Transforms.ReplaceMissingValues("f.numbers", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
                    .Append(ml.Transforms.NormalizeMeanVariance("f.numbers"));
                parts.Add("f.missing");
            }
            parts.Add("f.numbers");
        }
        foreach (var (input, index) in plan.Inputs.Select((input, index) => (input, index)))
        {
            var output = $"f.{index}";
            if (input.Kind == InputKind.Categorical)
            {
                pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(output, input.Column, maximumNumberOfKeys: MaxCategories));
                parts.Add(output);
            }
            else if (input.Kind == InputKind.Text)
            {
                pipeline = pipeline.Append(linear
                    ? ml.Transforms.Text.FeaturizeText(output, input.Column)
                    : ml.Transforms.Text.FeaturizeText(output, CompactText, input.Column));
                parts.Add(output);
            }
        }
        return pipeline.Append(ml.Transforms.Concatenate(Features, [.. parts]));
    }
}
