using System.Globalization;

namespace Graft.Training.Evaluation;

/// <summary>Input checks shared by the metric calculators; a bad evaluation input is a caller bug, so it throws.</summary>
internal static class MetricArguments
{
    public static void RequireRows(int expectedLength, int actualLength, string expectedName, string actualName)
    {
        if (expectedLength == 0)
        {
            throw new ArgumentException($"Cannot evaluate metrics on empty input: '{expectedName}' has no rows.", expectedName);
        }

        if (actualLength != expectedLength)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{actualName}' has {actualLength} values but '{expectedName}' has {expectedLength}; they must match."),
                actualName);
        }
    }

    public static void RequireProbabilities(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            // Written so NaN fails too.
            if (!(values[i] >= 0 && values[i] <= 1))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'{name}' must hold probabilities in [0, 1]; value {i} is {values[i]}."),
                    name);
            }
        }
    }

    public static void RequireFinite(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'{name}' must hold finite numbers; value {i} is {values[i]}."),
                    name);
            }
        }
    }

    public static void RequireClassRows(ReadOnlySpan<int> labels, int valuesLength, int classCount, string valuesName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (labels.Length == 0)
        {
            throw new ArgumentException("Cannot evaluate metrics on empty input: 'labels' has no rows.", nameof(labels));
        }

        if (valuesLength != (long)labels.Length * classCount)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{valuesName}' has {valuesLength} values but {labels.Length} rows of {classCount} classes need {(long)labels.Length * classCount}."),
                valuesName);
        }
    }

    public static void RequireClassIndices(ReadOnlySpan<int> values, int classCount, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if ((uint)values[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(
                    name,
                    string.Create(CultureInfo.InvariantCulture, $"Class index {values[i]} at row {i} is outside 0..{classCount - 1}."));
            }
        }
    }
}
