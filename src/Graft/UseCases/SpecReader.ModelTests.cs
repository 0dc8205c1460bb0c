using System.Globalization;
using Graft.ModelTests;
using YamlDotNet.RepresentationModel;

namespace Graft.UseCases;

public static partial class SpecReader
{
    private static readonly string[] ModelTestKeys = ["slices", "min_slice_rows", "tolerance", "bands", "fairness", "expectations"];
    private static readonly string[] ExpectationKinds = ["direction", "invariant", "example"];
    private static readonly string[] ExpectationDetails = ["field", "step", "tolerance", "label", "score"];
    private static readonly string[] ExpectationKeys = ["name", "field", "direction", "step", "invariant", "tolerance", "example", "label", "score", "max_violation_rate"];

    /// <summary>
    /// <c>model_tests: { slices, min_slice_rows, tolerance, bands, fairness: { severity, max_demographic_parity_difference, … }, expectations: [...] }</c>.
    /// Whether the named fields exist is checked against the data (<see cref="SpecDataCheck"/>), whether an expectation's
    /// field is a model input by the training run, which knows the inputs.
    /// </summary>
    private static ModelTestPolicy ReadModelTests(YamlNode? node, TaskKind task, YamlNodes n)
    {
        var map = n.Mapping(node, "model_tests", ModelTestKeys);
        if (map is null)
        {
            return ModelTestPolicy.Default;
        }
        var d = ModelTestPolicy.Default;
        return new ModelTestPolicy
        {
            Slices = n.TextList(YamlNodes.Child(map, "slices"), "model_tests.slices").Distinct(StringComparer.Ordinal).ToList(),
            MinSliceRows = (int)(n.Number(YamlNodes.Child(map, "min_slice_rows"), "model_tests.min_slice_rows", 1, 1e9) ?? d.MinSliceRows),
            Tolerance = n.Number(YamlNodes.Child(map, "tolerance"), "model_tests.tolerance", 0, 1e9) ?? d.Tolerance,
            Bands = (int)(n.Number(YamlNodes.Child(map, "bands"), "model_tests.bands", 2, 20) ?? d.Bands),
            Fairness = ReadFairness(YamlNodes.Child(map, "fairness"), task, n),
            Expectations = ReadExpectations(YamlNodes.Child(map, "expectations"), task, n),
        };
    }

    /// <summary>Each limit is a number (with the section's <c>severity</c>, warning by default) or <c>{limit, severity}</c>; all lie in [0, 1].</summary>
    private static List<FairnessLimit> ReadFairness(YamlNode? node, TaskKind task, YamlNodes n)
    {
        var map = n.Mapping(node, "model_tests.fairness", [.. FairnessLimit.Keys.Keys, "severity"]);
        var limits = new List<FairnessLimit>();
        if (map is null)
        {
            return limits;
        }
        if (task != TaskKind.Binary)
        {
            n.Error(node, "model_tests.fairness", "fairness limits compare selection and error rates of yes/no decisions, so they apply to binary tasks only");
            return limits;
        }
        var severity = ReadSeverity(YamlNodes.Child(map, "severity"), "model_tests.fairness.severity", n) ?? LimitSeverity.Warning;
        foreach (var (key, measure) in FairnessLimit.Keys)
        {
            var path = $"model_tests.fairness.{key}";
            switch (YamlNodes.Child(map, key))
            {
                case null:
                    break;
                case YamlMappingNode limit:
                    var inner = n.Mapping(limit, path, ["limit", "severity"]);
                    if (n.Number(YamlNodes.Child(inner, "limit"), $"{path}.limit", 0, 1) is { } value)
                    {
                        limits.Add(new FairnessLimit(measure, value, ReadSeverity(YamlNodes.Child(inner, "severity"), $"{path}.severity", n) ?? severity));
                    }
                    else if (YamlNodes.Child(inner, "limit") is null)
                    {
                        n.Error(limit, $"{path}.limit", "is required: the bound, a number from 0 to 1");
                    }
                    break;
                case var scalar:
                    if (n.Number(scalar, path, 0, 1) is { } bound)
                    {
                        limits.Add(new FairnessLimit(measure, bound, severity));
                    }
                    break;
            }
        }
        return limits;
    }

    private static LimitSeverity? ReadSeverity(YamlNode? node, string key, YamlNodes n) =>
        n.OneOf(node, key, ["warning", "blocking"]) switch
        {
            "warning" => LimitSeverity.Warning,
            "blocking" => LimitSeverity.Blocking,
            _ => null,
        };

    private static List<Expectation> ReadExpectations(YamlNode? node, TaskKind task, YamlNodes n)
    {
        var result = new List<Expectation>();
        if (node is null || YamlNodes.IsNull(node))
        {
            return result;
        }
        if (node is not YamlSequenceNode list)
        {
            n.Error(node, "model_tests.expectations", "expected a list of expectations, each with a name and a field with direction or invariant, or an example");
            return result;
        }
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"model_tests.expectations[{i}]");
            var map = n.Mapping(list.Children[i], path, ExpectationKeys);
            if (map is null)
            {
                continue;
            }
            if (ReadExpectation(map, path, task, n) is { } expectation)
            {
                if (result.Any(e => e.Name == expectation.Name))
                {
                    n.Error(YamlNodes.Child(map, "name"), $"{path}.name", $"'{expectation.Name}' names another expectation too; each needs its own name");
                }
                result.Add(expectation);
            }
        }
        return result;
    }

    private static Expectation? ReadExpectation(YamlMappingNode map, string path, TaskKind task, YamlNodes n)
    {
        YamlNode? Get(string key) => YamlNodes.Child(map, key);
        var name = n.Text(Get("name"), $"{path}.name", required: true);
        var maxViolations = n.Number(Get("max_violation_rate"), $"{path}.max_violation_rate", 0, 1);
        var kinds = ExpectationKinds.Where(k => Get(k) is not null).ToList();
        if (kinds.Count != 1)
        {
            n.Error(map, path, kinds.Count == 0
                ? "say what to expect: direction (increasing or decreasing), invariant (a list of values) or example (a row)"
                : $"gives both {kinds[0]} and {kinds[1]}; an expectation tests one thing");
            return null;
        }
        if (kinds[0] != "example" && task == TaskKind.Multiclass)
        {
            n.Error(Get(kinds[0]), $"{path}.{kinds[0]}", "a multiclass model has no single score to move; use an example with a label");
            return null;
        }
        Expectation? expectation = null;
        switch (kinds[0])
        {
            case "direction":
                var field = n.Text(Get("field"), $"{path}.field", required: true);
                var direction = n.OneOf(Get("direction"), $"{path}.direction", ["increasing", "decreasing"]);
                var step = n.Number(Get("step"), $"{path}.step", double.Epsilon, double.MaxValue);
                if (field is not null && direction is not null && name is not null)
                {
                    expectation = new DirectionalExpectation(name, field, direction == "increasing", step) { MaxViolationRate = maxViolations ?? 0.05 };
                }
                break;
            case "invariant":
                var invariantField = n.Text(Get("field"), $"{path}.field", required: true);
                var values = n.TextList(Get("invariant"), $"{path}.invariant").Distinct(StringComparer.Ordinal).ToList();
                if (values.Count < 2)
                {
                    n.Error(Get("invariant"), $"{path}.invariant", "list at least two values to swap between");
                }
                var tolerance = n.Number(Get("tolerance"), $"{path}.tolerance", 0, double.MaxValue) ?? 0.05;
                if (invariantField is not null && values.Count >= 2 && name is not null)
                {
                    expectation = new InvarianceExpectation(name, invariantField, values, tolerance) { MaxViolationRate = maxViolations ?? 0.05 };
                }
                break;
            default:
                expectation = ReadExample(map, path, name, task, n);
                break;
        }
        foreach (var key in ExpectationDetails.Where(k => Get(k) is not null && !Applies(kinds[0], k)))
        {
            n.Error(Get(key), $"{path}.{key}", $"does not apply to an expectation with {kinds[0]}");
        }
        return expectation;
    }

    private static bool Applies(string kind, string key) => kind switch
    {
        "direction" => key is "field" or "step",
        "invariant" => key is "field" or "tolerance",
        _ => key is "label" or "score",
    };

    private static ExampleExpectation? ReadExample(YamlMappingNode map, string path, string? name, TaskKind task, YamlNodes n)
    {
        var row = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (YamlNodes.Child(map, "example") is not YamlMappingNode example || example.Children.Count == 0)
        {
            n.Error(YamlNodes.Child(map, "example"), $"{path}.example", "expected a row: a mapping of field name to value");
            return null;
        }
        foreach (var (key, value) in example.Children)
        {
            var field = (key as YamlScalarNode)?.Value ?? "";
            row[field] = YamlNodes.IsNull(value) ? null : n.Text(value, $"{path}.example.{field}");
        }
        var label = n.Text(YamlNodes.Child(map, "label"), $"{path}.label");
        var range = n.Range(YamlNodes.Child(map, "score"), $"{path}.score", double.MinValue, double.MaxValue, "score: [0.7, 1]");
        if (label is null && YamlNodes.Child(map, "score") is null)
        {
            n.Error(map, path, "an example needs the label it must get, or the score range it must fall in");
            return null;
        }
        if (range is not null && task == TaskKind.Multiclass)
        {
            n.Error(YamlNodes.Child(map, "score"), $"{path}.score", "a multiclass model has no single score; give the label");
            return null;
        }
        if (label is not null && task == TaskKind.Regression)
        {
            n.Error(YamlNodes.Child(map, "label"), $"{path}.label", "a regression predicts a value, not a label; give the score range the value must fall in");
            return null;
        }
        return name is null ? null : new ExampleExpectation(name, row, label, range?.Low, range?.High);
    }

    /// <summary><c>value: {true_positive, false_positive, false_negative, true_negative}</c>: every cell a number; binary tasks only.</summary>
    private static ValueMatrix? ReadValue(YamlNode? node, TaskKind task, YamlNodes n)
    {
        var map = n.Mapping(node, "value", ValueMatrix.Keys);
        if (map is null)
        {
            return null;
        }
        if (task != TaskKind.Binary)
        {
            n.Error(node, "value", "prices the four outcomes of a yes/no decision, so it applies to binary tasks only");
            return null;
        }
        var cells = new double?[4];
        for (var i = 0; i < 4; i++)
        {
            var key = ValueMatrix.Keys[i];
            if (YamlNodes.Child(map, key) is not { } cell)
            {
                n.Error(node, $"value.{key}", "is missing: give all four of true_positive, false_positive, false_negative and true_negative (0 for an outcome worth nothing)");
                continue;
            }
            cells[i] = n.Number(cell, $"value.{key}", -1e15, 1e15);
        }
        return cells.All(c => c is not null) ? new ValueMatrix(cells[0]!.Value, cells[1]!.Value, cells[2]!.Value, cells[3]!.Value) : null;
    }
}
