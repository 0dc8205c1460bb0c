using Graft.UseCases;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Graft.Training;

/// <summary>
/// Measures each input's <see cref="InputDomain"/> on the rows a model was fitted on. The categories are read from the
/// fitted model's own encoding (the slot names of its one-hot column), not counted again from the data, so they are
/// exactly the values the model tells apart: past its thousand most common, ML.NET keeps the first it met.
/// </summary>
public static class InputDomains
{
    public static IReadOnlyList<ModelInput> Measure(UseCaseSpec spec, TrainingTable fit, DataViewSchema featurized)
    {
        var inputs = new List<ModelInput>(fit.Plan.Inputs.Count);
        for (var i = 0; i < fit.Plan.Inputs.Count; i++)
        {
            var input = fit.Plan.Inputs[i];
            var (missing, min, max) = fit.Columns[i] switch
            {
                float[] numbers => Numbers(numbers),
                string?[] texts => (Share(texts.Count(string.IsNullOrEmpty), texts.Length), null, null),
                _ => throw new InvalidOperationException($"unexpected column for {input.Field}"),
            };
            var categories = input.Kind == InputKind.Categorical ? Categories(featurized, $"f.{i}") : null;
            var required = spec.Policy(input.Field)?.Required ?? missing < InputDomain.RequiredBelow;
            inputs.Add(input with { Domain = new InputDomain(required, missing, min, max, categories) });
        }
        return inputs;
    }

    private static (double Missing, double? Min, double? Max) Numbers(float[] numbers)
    {
        var (min, max, missing) = (double.PositiveInfinity, double.NegativeInfinity, 0);
        foreach (var value in numbers)
        {
            if (float.IsNaN(value))
            {
                missing++;
                continue;
            }
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        return missing == numbers.Length ? (Share(missing, numbers.Length), null, null) : (Share(missing, numbers.Length), min, max);
    }

    private static double Share(int count, int of) => of == 0 ? 0 : (double)count / of;

    private static string[]? Categories(DataViewSchema featurized, string column)
    {
        if (featurized.GetColumnOrNull(column) is not { } encoded || !encoded.HasSlotNames())
        {
            return null; // an encoding without names cannot say what it knows; no warnings rather than wrong ones
        }
        VBuffer<ReadOnlyMemory<char>> names = default;
        encoded.GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }
}
