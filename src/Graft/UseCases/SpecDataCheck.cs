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
        CheckFields(spec, frame.Names, errors);
        if (frame.Contains(spec.TargetColumn))
        {
            CheckTarget(spec, frame.Column(spec.TargetColumn), errors);
        }
        CheckRules(spec, frame.Names, errors);
        return errors;
    }

    /// <summary>What can be checked from a dataset's field names alone, before its rows are read: every field the spec names exists, and the rules bind.</summary>
    public static IReadOnlyList<SpecError> CheckNames(UseCaseSpec spec, IReadOnlyList<string> names)
    {
        var errors = new List<SpecError>();
        CheckFields(spec, names, errors);
        CheckRules(spec, names, errors);
        return errors;
    }

    /// <summary>The fields a spec names by key (target, entity, timestamp, exclusions, field policies, drift settings), which its data must hold.</summary>
    public static IEnumerable<(string Field, string Key)> NamedFields(UseCaseSpec spec)
    {
        yield return (spec.TargetColumn, "target.column");
        if (spec.Entity is { } entity)
        {
            yield return (entity, "entity");
        }
        foreach (var f in spec.Timestamp?.Fields ?? [])
        {
            yield return (f, "timestamp");
        }
        foreach (var f in spec.Exclude)
        {
            yield return (f, "exclude");
        }
        foreach (var f in spec.Fields)
        {
            yield return (f.Name, $"fields.{f.Name}");
        }
        foreach (var f in spec.Monitoring.Fields.Keys)
        {
            yield return (f, $"monitoring.fields.{f}");
        }
        foreach (var (rule, i) in spec.Alerts.Select((r, i) => (r, i)).Where(a => a.r.Signal.Name == "psi"))
        {
            yield return (rule.Signal.Argument!, $"alerts[{i}].signal");
        }
        foreach (var f in spec.ModelTests.Slices)
        {
            yield return (f, "model_tests.slices");
        }
        foreach (var (e, i) in spec.ModelTests.Expectations.Select((e, i) => (e, i)))
        {
            var path = $"model_tests.expectations[{i}]";
            switch (e)
            {
                case ModelTests.DirectionalExpectation d:
                    yield return (d.Field, $"{path}.field");
                    break;
                case ModelTests.InvarianceExpectation v:
                    yield return (v.Field, $"{path}.field");
                    break;
                case ModelTests.ExampleExpectation x:
                    foreach (var f in x.Row.Keys)
                    {
                        yield return (f, $"{path}.example.{f}");
                    }
                    break;
            }
        }
    }

    private static void CheckFields(UseCaseSpec spec, IReadOnlyList<string> names, List<SpecError> errors)
    {
        foreach (var (name, key) in NamedFields(spec).Where(n => !names.Contains(n.Field)))
        {
            var hint = YamlNodes.Closest(name, names) is { } close ? $"; did you mean '{close}'?" : "";
            errors.Add(new SpecError(0, 0, key, $"the data has no field '{name}'{hint}"));
        }
    }

    private static void CheckRules(UseCaseSpec spec, IReadOnlyList<string> names, List<SpecError> errors)
    {
        if (spec.Rule is { } rule && RuleProblem(rule, names) is { } problem)
        {
            errors.Add(new SpecError(0, 0, "rule", problem));
        }
        if (spec.Review?.When is { } when && RuleProblem(when, names.Concat(Review.ReviewPolicy.AnswerNames)) is { } reviewProblem)
        {
            errors.Add(new SpecError(0, 0, "review.when", reviewProblem));
        }
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
