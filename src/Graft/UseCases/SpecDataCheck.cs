using Graft.Data;

namespace Graft.UseCases;

/// <summary>
/// Checks a spec against the columns of a dataset: every field it names exists, and the target fits the task.
/// Problems are <see cref="SpecError"/>s keyed like the spec, with close names suggested.
/// </summary>
public static class SpecDataCheck
{
    public static IReadOnlyList<SpecError> Check(UseCaseSpec spec, Frame frame)
    {
        var errors = new List<SpecError>();
        var names = frame.Names;
        void Field(string? name, string key)
        {
            if (name is not null && !frame.Contains(name))
            {
                var hint = YamlNodes.Closest(name, names) is { } close ? $"; did you mean '{close}'?" : "";
                errors.Add(new SpecError(0, 0, key, $"the data has no field '{name}'{hint}"));
            }
        }

        Field(spec.TargetColumn, "target.column");
        Field(spec.Entity, "entity");
        foreach (var f in spec.Timestamp?.Fields ?? [])
        {
            Field(f, "timestamp");
        }
        foreach (var f in spec.Exclude)
        {
            Field(f, "exclude");
        }
        foreach (var f in spec.Fields)
        {
            Field(f.Name, $"fields.{f.Name}");
        }
        if (frame.Contains(spec.TargetColumn))
        {
            CheckTarget(spec, frame.Column(spec.TargetColumn), errors);
        }
        if (spec.Rule is { } rule && RuleProblem(rule, names) is { } problem)
        {
            errors.Add(new SpecError(0, 0, "rule", problem));
        }
        if (spec.Review?.When is { } when && RuleProblem(when, names.Concat(Review.ReviewPolicy.AnswerNames)) is { } reviewProblem)
        {
            errors.Add(new SpecError(0, 0, "review.when", reviewProblem));
        }
        return errors;
    }

    /// <summary>Why a rule cannot run on data with these fields (it names one the data lacks, say), or null when it can.</summary>
    public static string? RuleProblem(string rule, IEnumerable<string> fields)
    {
        try
        {
            Training.Rules.RuleExpression.Parse(rule).Bind([.. fields]);
            return null;
        }
        catch (Training.Rules.RuleSyntaxException e)
        {
            return e.Message;
        }
    }

    private static void CheckTarget(UseCaseSpec spec, string?[] labels, List<SpecError> errors)
    {
        var classes = labels.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
        {
            errors.Add(new SpecError(0, 0, "target.column", $"'{spec.TargetColumn}' has no values"));
            return;
        }
        switch (spec.Task)
        {
            case TaskKind.Binary when classes.Count != 2:
                errors.Add(new SpecError(0, 0, "target.column",
                    $"a binary target needs exactly two classes; '{spec.TargetColumn}' has {classes.Count}: {Preview(classes)}"));
                break;
            case TaskKind.Binary when spec.TargetPositive is { } positive && !classes.Contains(positive):
                errors.Add(new SpecError(0, 0, "target.positive", $"'{positive}' is not a value of '{spec.TargetColumn}' ({Preview(classes)})"));
                break;
            case TaskKind.Multiclass when classes.Count < 2:
                errors.Add(new SpecError(0, 0, "target.column", $"'{spec.TargetColumn}' has a single class '{classes[0]}'; there is nothing to predict"));
                break;
            case TaskKind.Regression when classes.Any(c => !Values.TryNumber(c, out _)):
                var bad = classes.First(c => !Values.TryNumber(c, out _));
                errors.Add(new SpecError(0, 0, "target.column", $"a regression target must be numeric; '{spec.TargetColumn}' has '{bad}'"));
                break;
        }
    }

    private static string Preview(List<string> classes) =>
        string.Join(", ", classes.Take(5).Select(c => $"'{c}'")) + (classes.Count > 5 ? ", …" : "");
}
