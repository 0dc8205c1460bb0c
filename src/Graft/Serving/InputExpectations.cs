using System.Globalization;
using Graft.Data;
using Graft.Registry;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Serving;

/// <summary>
/// What serving expects of a row's inputs, for one spec revision and one model version (none: the rule's): which
/// inputs are required (as the model's training measured them, unless the spec says; and every field the spec marks
/// required), and, of the model's inputs, what it saw in training, to warn when a row goes beyond it. Built once per
/// view and version, so checking a row is a lookup and a comparison per input.
/// </summary>
public sealed class InputExpectations
{
    private static readonly InputWarning[] None = [];

    /// <summary>Values longer than this get no "did you mean": a typo hint is for a word, and comparing sentences costs.</summary>
    private const int MaxHinted = 64;
    private readonly Expected[] _expected;

    private InputExpectations(Expected[] expected) => _expected = expected;

    /// <summary>Unseen values whose warning is kept, per input: enough for the typos an app repeats, bounded against one that never repeats.</summary>
    private const int MaxRemembered = 1000;

    /// <summary>
    /// One input: its kind, whether it is required, and the model's range (with tolerance) and categories; the warnings
    /// already given for values outside them (a warning's "did you mean" compares the value with every category).
    /// </summary>
    private sealed record Expected(string Field, InputKind? Kind, FieldType Type, bool Required, double MissingShare,
        double Low, double High, double? Min, double? Max, HashSet<string>? Categories, IReadOnlyList<string>? Listed)
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, InputWarning> Unseen { get; } = new(StringComparer.Ordinal);
    }

    public static InputExpectations For(UseCaseSpec spec, ModelCard? card)
    {
        var expected = new List<Expected>();
        foreach (var input in card?.Inputs ?? [])
        {
            var domain = input.Domain;
            var required = spec.Policy(input.Field)?.Required ?? domain?.Required ?? false;
            var tolerance = spec.Policy(input.Field)?.RangeTolerance ?? spec.RangeTolerance;
            var (low, high) = domain is { Min: { } min, Max: { } max } && input.Type != FieldType.Boolean
                ? Widen(min, max, tolerance) : (double.NegativeInfinity, double.PositiveInfinity);
            var categories = domain?.Categories is { } known ? new HashSet<string>(known, StringComparer.Ordinal) : null;
            expected.Add(new Expected(input.Field, input.Kind, input.Type, required, domain?.MissingShare ?? 0, low, high,
                domain?.Min, domain?.Max, categories, domain?.Categories));
        }
        foreach (var field in spec.Fields.Where(f => f.Required == true && expected.All(e => e.Field != f.Name)))
        {
            expected.Add(new Expected(field.Name, null, FieldType.Text, true, 0, double.NegativeInfinity, double.PositiveInfinity, null, null, null, null));
        }
        return new InputExpectations([.. expected]);
    }

    /// <summary>The required inputs, in the model's order then the spec's.</summary>
    public IEnumerable<string> Required => _expected.Where(e => e.Required).Select(e => e.Field);

    /// <summary>
    /// The row's warnings (a shared empty list when there are none), and the required inputs it lacks added to
    /// <paramref name="missing"/>, which is made when there is one.
    /// </summary>
    public IReadOnlyList<InputWarning> Check(IReadOnlyDictionary<string, InputValue> inputs, ref List<string>? missing)
    {
        List<InputWarning>? warnings = null;
        foreach (var e in _expected)
        {
            var present = inputs.TryGetValue(e.Field, out var value) && !IsMissing(value);
            if (!present)
            {
                if (e.Required)
                {
                    (missing ??= []).Add(e.Field);
                }
                (warnings ??= []).Add(e.Required ? Missing(e, WarningCodes.MissingRequired) : Missing(e, WarningCodes.MissingOptional));
            }
            else if (Beyond(e, value) is { } warning)
            {
                (warnings ??= []).Add(warning);
            }
        }
        return warnings ?? (IReadOnlyList<InputWarning>)None;
    }

    /// <summary>
    /// Missing as the training data's reader would have it (<see cref="MissingValues"/>): null, and text such as "",
    /// "NA" or "null", which a CSV cell holding it would have made a missing value.
    /// </summary>
    public static bool IsMissing(InputValue value) =>
        value.IsNull || (value.Kind == InputValueKind.String && MissingValues.IsMissing(value.Text));

    private static InputWarning? Beyond(Expected e, InputValue value)
    {
        // as the model reads it (with placeholders for personal data); a value already among the categories reads as
        // itself, so most requests are answered by the first lookup, without looking for personal data in them
        if (e.Kind == InputKind.Categorical && e.Categories is { } categories && value.AsText() is { } text && !categories.Contains(text))
        {
            if (e.Unseen.TryGetValue(text, out var known))
            {
                return known; // warned about before: an app repeats its typos
            }
            if (categories.Contains(TrainingTable.TextOf(text, InputKind.Categorical)!))
            {
                return null;
            }
            var hint = text.Length <= MaxHinted && ClosestName.Find(text, e.Listed!) is { } close ? $"; did you mean '{close}'?" : "";
            var warning = new InputWarning(e.Field, WarningCodes.UnseenCategory,
                $"is not one of the {categories.Count:N0} values the model saw in training, so the model reads it as missing{hint}");
            if (e.Unseen.Count < MaxRemembered)
            {
                e.Unseen.TryAdd(text, warning);
            }
            return warning;
        }
        if (e.Kind == InputKind.Numeric && InputValues.Number(value, e.Type) is var number && (number < e.Low || number > e.High))
        {
            return new InputWarning(e.Field, WarningCodes.OutOfRange, string.Create(CultureInfo.InvariantCulture,
                $"is {number:G7}, outside the range the model saw in training ({e.Min:G7} to {e.Max:G7}) by more than the spec's tolerance"));
        }
        return null;
    }

    private static InputWarning Missing(Expected e, string code) => new(e.Field, code, code == WarningCodes.MissingRequired
        ? e.Kind is null ? "is required by the spec and was not sent" : "is required (the model was trained without missing values in it) and was not sent"
        : string.Create(CultureInfo.InvariantCulture, $"was not sent; the model answers as it learnt to for missing values (missing in {e.MissingShare:P1} of its training rows)"));

    /// <summary>The training range widened by a share of its width (of the value's size when all values were equal).</summary>
    private static (double Low, double High) Widen(double min, double max, double tolerance)
    {
        var width = max > min ? max - min : Math.Max(Math.Abs(max), 1);
        return (min - tolerance * width, max + tolerance * width);
    }
}
