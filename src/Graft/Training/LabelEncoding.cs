using Graft.Data;
using Graft.UseCases;

namespace Graft.Training;

/// <summary>
/// How target values become labels: the positive class for binary tasks, the ordered class list for
/// multiclass (class i is key i + 1 in ML.NET), numbers for regression.
/// </summary>
public sealed record LabelEncoding(TaskKind Task, string? Positive, IReadOnlyList<string> Classes)
{
    /// <summary>
    /// The encoding of the rows a model learns from. <see cref="SpecDataCheck"/> has checked the whole dataset's
    /// target; these rows (a split of it, or a test file's) can still lack a class, so the classes are counted again.
    /// </summary>
    public static LabelEncoding Create(UseCaseSpec spec, string?[] targets)
    {
        if (spec.Task == TaskKind.Regression)
        {
            return new LabelEncoding(spec.Task, null, []);
        }
        var classes = targets.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (classes.Count < 2)
        {
            throw GraftException.Invalid($"the target '{spec.TargetColumn}' has {classes.Count} class{(classes.Count == 1 ? $" ('{classes[0]}')" : "es")}; a model needs at least two");
        }
        if (spec.Task == TaskKind.Multiclass)
        {
            return new LabelEncoding(spec.Task, null, classes);
        }
        if (classes.Count != 2)
        {
            throw GraftException.Invalid($"a binary target needs two classes; '{spec.TargetColumn}' has {classes.Count}");
        }
        var positive = PositiveClass.Pick(classes, spec.TargetPositive) ?? throw GraftException.Invalid(spec.TargetPositive is { } declared
            ? $"target.positive '{declared}' is not a value of '{spec.TargetColumn}' ('{classes[0]}' or '{classes[1]}')"
            : $"say which class of '{spec.TargetColumn}' is positive with target.positive ('{classes[0]}' or '{classes[1]}')");
        var negative = classes.First(c => c != positive);
        return new LabelEncoding(spec.Task, positive, [negative, positive]);
    }

    /// <summary>The label of a target value, or null when it is missing or cannot be used.</summary>
    public bool TryEncode(string? value, out float label)
    {
        label = 0;
        if (value is null)
        {
            return false;
        }
        switch (Task)
        {
            case TaskKind.Binary:
                label = value == Positive ? 1 : 0;
                return value == Positive || value == Classes[0];
            case TaskKind.Multiclass:
                var index = IndexOf(value);
                label = index;
                return index >= 0;
            default:
                var number = Values.Number(value);
                label = (float)number;
                return !double.IsNaN(number);
        }
    }

    public int IndexOf(string value)
    {
        for (var i = 0; i < Classes.Count; i++)
        {
            if (string.Equals(Classes[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
