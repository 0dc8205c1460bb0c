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

    /// <summary>
    /// The columns concatenated into "Features", in order, and the fields each one carries: the numeric block
    /// (and, for linear models, its missing-value indicators) holds one slot per numeric field; a category or
    /// text column belongs to its field. Explanations map feature slots back to fields with this.
    /// </summary>
    public static IReadOnlyList<(string Column, IReadOnlyList<string> Fields)> Parts(FeaturePlan plan, bool linear)
    {
        var numeric = plan.Inputs.Where(i => i.Kind == InputKind.Numeric).Select(i => i.Field).ToList();
        var parts = new List<(string, IReadOnlyList<string>)>();
        if (numeric.Count > 0)
        {
            if (linear)
            {
                parts.Add(("f.missing", numeric));
            }
            parts.Add(("f.numbers", numeric));
        }
        foreach (var (input, index) in plan.Inputs.Select((input, index) => (input, index)).Where(x => x.input.Kind != InputKind.Numeric))
        {
            parts.Add(($"f.{index}", [input.Field]));
        }
        return parts;
    }

    public static IEstimator<ITransformer> Build(MLContext ml, FeaturePlan plan, bool linear)
    {
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
                    .Append(ml.Transforms.NormalizeMeanVariance("f.numbers", fixZero: false)); // centred, so a contribution says "above or below average"
            }
        }
        foreach (var (input, index) in plan.Inputs.Select((input, index) => (input, index)))
        {
            var output = $"f.{index}";
            if (input.Kind == InputKind.Categorical)
            {
                pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(output, input.Column, maximumNumberOfKeys: MaxCategories));
            }
            else if (input.Kind == InputKind.Text)
            {
                pipeline = pipeline.Append(linear
                    ? ml.Transforms.Text.FeaturizeText(output, input.Column)
                    : ml.Transforms.Text.FeaturizeText(output, CompactText, input.Column));
            }
        }
        return pipeline.Append(ml.Transforms.Concatenate(Features, [.. Parts(plan, linear).Select(p => p.Column)]));
    }

    /// <summary>Which fields the slots of "Features" come from, as ranges, read from a featurized schema.</summary>
    public static IReadOnlyList<FeatureRange> Ranges(FeaturePlan plan, bool linear, DataViewSchema featurized)
    {
        var ranges = new List<FeatureRange>();
        var start = 0;
        foreach (var (column, fields) in Parts(plan, linear))
        {
            var size = featurized[column].Type is VectorDataViewType vector ? vector.Size : 1;
            if (fields.Count > 1 || size == 1)
            {
                foreach (var field in fields)
                {
                    ranges.Add(new FeatureRange(field, start++, 1));
                }
            }
            else
            {
                ranges.Add(new FeatureRange(fields[0], start, size));
                start += size;
            }
        }
        return ranges;
    }
}

/// <summary>Feature slots [Start, Start + Length) of a model's "Features" vector come from <see cref="Field"/>.</summary>
public sealed record FeatureRange(string Field, int Start, int Length);
