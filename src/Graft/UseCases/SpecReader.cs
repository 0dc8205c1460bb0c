using System.Globalization;
using System.Text.RegularExpressions;
using Graft.Data;
using YamlDotNet.Core;
using Graft.Training;
using YamlDotNet.RepresentationModel;
using M = Graft.Training.Evaluation.MetricNames;

namespace Graft.UseCases;

/// <summary>
/// Reads a use-case spec (YAML) into a <see cref="UseCaseSpec"/>, checking every key and type and reporting
/// all problems with their line and dotted key. Checks against data (does the target exist?) come later,
/// in <see cref="SpecDataCheck"/>.
/// </summary>
public static partial class SpecReader
{
    private static readonly string[] TopKeys =
    [
        "id", "title", "decision", "users", "moment", "owners", "task", "target", "entity", "timestamp", "exclude",
        "fields", "rule", "metric", "threshold", "trainers", "gates", "split", "latency_budget_ms", "risk", "fallback", "stage", "acknowledge",
        "on_missing_inputs", "range_tolerance", "rollout", "retention", "review", "outcomes", "monitoring", "alerts", "model_tests", "value",
    ];
    private static readonly string[] TaskNames = ["binary", "multiclass", "regression"];
    private static readonly string[] FieldKeys = ["type", "train", "inference", "log", "sensitive", "required", "allowed", "min", "max", "range_tolerance", "protected"];
    private static readonly string[] TypeNames = ["number", "category", "text", "boolean", "date"];

    public static UseCaseSpec Parse(string yaml, string source = "spec")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Split('\n')[0].Trim();
            throw new SpecException(source, [new SpecError((int)e.Start.Line, (int)e.Start.Column, "yaml", $"not valid YAML: {message}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some malformed input (an unclosed flow collection)
            throw new SpecException(source, [new SpecError(0, 0, "yaml", "not valid YAML: an unclosed [ or { or quote")]);
        }
        if (stream.Documents.Count == 0)
        {
            throw new SpecException(source, [new SpecError(0, 0, "spec", "the file is empty")]);
        }
        var nodes = new YamlNodes();
        var root = nodes.Mapping(stream.Documents[0].RootNode, "", TopKeys);
        if (root is null)
        {
            throw new SpecException(source, nodes.Errors.Count > 0 ? nodes.Errors : [new SpecError(1, 1, "spec", "expected a mapping of keys to values")]);
        }
        var spec = Read(root, nodes);
        if (nodes.Errors.Count > 0 || spec is null)
        {
            throw new SpecException(source, nodes.Errors);
        }
        return spec;
    }

    private static UseCaseSpec? Read(YamlMappingNode root, YamlNodes n)
    {
        YamlNode? Get(string key) => YamlNodes.Child(root, key);

        var id = n.Text(Get("id"), "id", required: true);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            n.Error(Get("id"), "id", $"'{id}' must be 2-63 lowercase letters, digits or dashes, starting with a letter or digit");
        }
        var title = n.Text(Get("title"), "title", required: true);
        var taskName = n.OneOf(Get("task"), "task", TaskNames, required: true);
        var task = taskName switch { "binary" => TaskKind.Binary, "multiclass" => TaskKind.Multiclass, _ => TaskKind.Regression };

        var target = n.Mapping(Get("target"), "target", ["column", "positive"]);
        if (Get("target") is null)
        {
            n.Error(null, "target", "is required (target.column names the field to predict)");
        }
        var targetColumn = n.Text(YamlNodes.Child(target, "column"), "target.column", required: target is not null);
        var positive = n.Text(YamlNodes.Child(target, "positive"), "target.positive");
        if (positive is not null && taskName is not null && task != TaskKind.Binary)
        {
            n.Error(YamlNodes.Child(target, "positive"), "target.positive", $"only applies to binary tasks, and this one is {taskName}");
        }

        var metricChoices = taskName is null ? [] : MetricNames(task);
        var metric = taskName is null ? null : n.OneOf(Get("metric"), "metric", metricChoices) ?? (Get("metric") is null ? DefaultMetric(task) : null);

        var gates = n.Mapping(Get("gates"), "gates", ["baseline_margin"]);
        var margin = n.Number(YamlNodes.Child(gates, "baseline_margin"), "gates.baseline_margin", 0, 1e9) ?? 0;

        var entity = ReadEntity(Get("entity"), n);
        var spec = new UseCaseSpec
        {
            Id = id ?? "",
            Title = title ?? "",
            Task = task,
            TargetColumn = targetColumn ?? "",
            TargetPositive = positive,
            Decision = n.Text(Get("decision"), "decision"),
            Users = n.Text(Get("users"), "users"),
            Moment = n.Text(Get("moment"), "moment"),
            Owners = ReadOwners(Get("owners"), n),
            Entity = entity?.Field,
            PseudonymiseEntity = entity?.Pseudonymise ?? false,
            Timestamp = ReadTimestamp(Get("timestamp"), n),
            Exclude = n.TextList(Get("exclude"), "exclude"),
            Fields = ReadFields(Get("fields"), n),
            Rule = n.Text(Get("rule"), "rule"),
            Metric = metric ?? "",
            BaselineMargin = margin,
            Threshold = n.Number(Get("threshold"), "threshold", 0, 1),
            Trainers = ReadTrainers(Get("trainers"), n),
            Split = ReadSplit(Get("split"), n),
            LatencyBudgetMs = (int)(n.Number(Get("latency_budget_ms"), "latency_budget_ms", 1, 60_000) ?? 100),
            Risk = n.OneOf(Get("risk"), "risk", ["low", "medium", "high"]) ?? "medium",
            Fallback = n.OneOf(Get("fallback"), "fallback", ["rule", "none"]) ?? "rule",
            RangeTolerance = n.Number(Get("range_tolerance"), "range_tolerance", 0, 1e6) ?? UseCaseSpec.DefaultRangeTolerance,
            InitialStage = Rollout.Stages.TryParse(n.OneOf(Get("stage"), "stage", ["off", "shadow", "assist", "auto"]), out var stage) ? stage : Rollout.Stage.Shadow,
            Exit = ReadExit(Get("rollout"), n),
            Retention = ReadRetention(Get("retention"), n),
            Review = ReadReview(Get("review"), n),
            OutcomeWindow = ReadOutcomeWindow(Get("outcomes"), n),
            Monitoring = ReadMonitoring(Get("monitoring"), n),
            Alerts = ReadAlerts(Get("alerts"), n),
            Acknowledged = ReadAcknowledgements(Get("acknowledge"), n),
            ModelTests = ReadModelTests(Get("model_tests"), task, n),
            Value = ReadValue(Get("value"), task, n),
        };
        CheckRule(spec.Rule, Get("rule"), n);
        spec = spec with { OnMissingInputs = ReadMissingInputPolicy(spec, Get("on_missing_inputs"), n) };
        return n.Errors.Count == 0 ? spec : null;
    }

    // The metrics a spec may rank and gate on: the headline ones of each task. Others are reported but not
    // offered here: top-3 accuracy and MAPE appear only when they apply, calibration error and the rates describe
    // rather than rank, and macro precision and recall each reward one side of what macro F1 balances.
    internal static IReadOnlyList<string> MetricNames(TaskKind task) => task switch
    {
        TaskKind.Binary => [M.RocAuc, M.PrAuc, M.Accuracy, M.F1, M.Precision, M.Recall, M.LogLoss, M.Brier],
        TaskKind.Multiclass => [M.Accuracy, M.MacroF1, M.WeightedF1, M.LogLoss],
        _ => [M.Rmse, M.Mae, M.R2],
    };

    internal static string DefaultMetric(TaskKind task) => task switch
    {
        TaskKind.Binary => M.RocAuc,
        TaskKind.Multiclass => M.MacroF1,
        _ => M.Rmse,
    };

    /// <summary>The spec's word, else fallback when the rule can answer; falling back needs a rule to fall back on.</summary>
    private static MissingInputPolicy ReadMissingInputPolicy(UseCaseSpec spec, YamlNode? node, YamlNodes n)
    {
        var canFallBack = spec.Rule is not null && spec.Fallback == "rule";
        var said = n.OneOf(node, "on_missing_inputs", ["fallback", "reject"]);
        if (said == "fallback" && !canFallBack)
        {
            n.Error(node, "on_missing_inputs", spec.Rule is null
                ? "fallback needs a rule to fall back on; add a rule or say reject"
                : "fallback contradicts fallback: none; say reject");
        }
        return said switch
        {
            "fallback" => MissingInputPolicy.Fallback,
            "reject" => MissingInputPolicy.Reject,
            _ => canFallBack ? MissingInputPolicy.Fallback : MissingInputPolicy.Reject,
        };
    }

    private static List<string> ReadTrainers(YamlNode? node, YamlNodes n)
    {
        string[] families = [TrainerCatalog.Linear, TrainerCatalog.LightGbm];
        if (node is null)
        {
            return [.. families];
        }
        var names = n.TextList(node, "trainers");
        foreach (var name in names.Where(t => !families.Contains(t)))
        {
            n.Error(node, "trainers", $"'{name}' is not a trainer family; use {string.Join(" and/or ", families)}");
        }
        if (names.Count == 0)
        {
            n.Error(node, "trainers", $"name at least one trainer family: {string.Join(", ", families)}");
        }
        return [.. names.Distinct()];
    }

    private static Dictionary<string, string> ReadOwners(YamlNode? node, YamlNodes n)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                var role = ((YamlScalarNode)key).Value ?? "";
                if (n.Text(value, $"owners.{role}") is { } who)
                {
                    owners[role] = who;
                }
            }
        }
        else if (node is not null)
        {
            n.Error(node, "owners", "expected a mapping of role to owner, e.g. business: someone@example.com");
        }
        return owners;
    }

    /// <summary><c>rollout: { exit: { min_predictions, min_agreement, max_override_rate, live_metric_margin, min_outcomes } }</c>, each defaulted.</summary>
    private static Rollout.ExitCriteria ReadExit(YamlNode? node, YamlNodes n)
    {
        var rollout = n.Mapping(node, "rollout", ["exit"]);
        var exit = n.Mapping(YamlNodes.Child(rollout, "exit"), "rollout.exit", ["min_predictions", "min_agreement", "max_override_rate", "live_metric_margin", "min_outcomes"]);
        var defaults = new Rollout.ExitCriteria();
        return new Rollout.ExitCriteria(
            (int)(n.Number(YamlNodes.Child(exit, "min_predictions"), "rollout.exit.min_predictions", 1, 1e9) ?? defaults.MinPredictions),
            n.Number(YamlNodes.Child(exit, "min_agreement"), "rollout.exit.min_agreement", 0, 1) ?? defaults.MinAgreement,
            n.Number(YamlNodes.Child(exit, "max_override_rate"), "rollout.exit.max_override_rate", 0, 1) ?? defaults.MaxOverrideRate,
            n.Number(YamlNodes.Child(exit, "live_metric_margin"), "rollout.exit.live_metric_margin", 0, 1e9) ?? defaults.LiveMetricMargin,
            (int)(n.Number(YamlNodes.Child(exit, "min_outcomes"), "rollout.exit.min_outcomes", 1, 1e9) ?? defaults.MinOutcomes));
    }

    /// <summary><c>retention: { predictions: 90d, inputs: 30d, feedback: 730d }</c>: each a duration in days (<c>d</c>) or hours (<c>h</c>).</summary>
    private static Governance.RetentionPolicy ReadRetention(YamlNode? node, YamlNodes n)
    {
        var map = n.Mapping(node, "retention", ["predictions", "inputs", "feedback"]);
        TimeSpan? Read(string key) => n.Duration(YamlNodes.Child(map, key), $"retention.{key}");
        return new Governance.RetentionPolicy(Read("predictions"), Read("inputs"), Read("feedback"));
    }

    /// <summary><c>entity: customer_id</c>, or <c>entity: { field: customer_id, pseudonymise: true }</c>.</summary>
    private static (string Field, bool Pseudonymise)? ReadEntity(YamlNode? node, YamlNodes n)
    {
        if (node is YamlScalarNode)
        {
            return n.Text(node, "entity") is { } name ? (name, false) : null;
        }
        var map = n.Mapping(node, "entity", ["field", "pseudonymise"]);
        if (map is null)
        {
            return null;
        }
        var field = n.Text(YamlNodes.Child(map, "field"), "entity.field", required: true);
        var pseudonymise = n.Boolean(YamlNodes.Child(map, "pseudonymise"), "entity.pseudonymise") ?? false;
        return field is null ? null : (field, pseudonymise);
    }

    private static TimestampSpec? ReadTimestamp(YamlNode? node, YamlNodes n)
    {
        if (node is YamlScalarNode)
        {
            return n.Text(node, "timestamp") is { } field ? new TimestampSpec(field) : null;
        }
        var map = n.Mapping(node, "timestamp", ["field", "year", "month", "day"]);
        if (map is null)
        {
            return null;
        }
        var single = n.Text(YamlNodes.Child(map, "field"), "timestamp.field");
        var year = n.Text(YamlNodes.Child(map, "year"), "timestamp.year");
        var month = n.Text(YamlNodes.Child(map, "month"), "timestamp.month");
        var day = n.Text(YamlNodes.Child(map, "day"), "timestamp.day");
        if (single is null && (year is null || month is null || day is null))
        {
            n.Error(node, "timestamp", "needs either field, or all of year, month and day");
            return null;
        }
        return single is not null ? new TimestampSpec(single) : new TimestampSpec(null, year, month, day);
    }

    /// <summary>A rule that does not parse makes the spec invalid, wherever the spec comes from (file, API, demo).</summary>
    private static void CheckRule(string? rule, YamlNode? node, YamlNodes n)
    {
        if (rule is null)
        {
            return;
        }
        try
        {
            Training.Rules.RuleExpression.Parse(rule);
        }
        catch (Training.Rules.RuleSyntaxException e)
        {
            n.Error(node, "rule", e.Message);
        }
    }

    private static List<FieldPolicy> ReadFields(YamlNode? node, YamlNodes n)
    {
        var fields = new List<FieldPolicy>();
        if (node is null)
        {
            return fields;
        }
        if (node is not YamlMappingNode map)
        {
            n.Error(node, "fields", "expected a mapping of field name to its settings");
            return fields;
        }
        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            var path = $"fields.{name}";
            var f = n.Mapping(value, path, FieldKeys);
            var type = n.OneOf(YamlNodes.Child(f, "type"), $"{path}.type", TypeNames);
            fields.Add(new FieldPolicy(
                name,
                type is null ? null : Enum.Parse<FieldType>(type, ignoreCase: true),
                n.Boolean(YamlNodes.Child(f, "train"), $"{path}.train"),
                n.Boolean(YamlNodes.Child(f, "inference"), $"{path}.inference"),
                n.Boolean(YamlNodes.Child(f, "log"), $"{path}.log"),
                n.Boolean(YamlNodes.Child(f, "sensitive"), $"{path}.sensitive"),
                n.Boolean(YamlNodes.Child(f, "required"), $"{path}.required"),
                YamlNodes.Child(f, "allowed") is { } allowed ? n.TextList(allowed, $"{path}.allowed") : null,
                n.Number(YamlNodes.Child(f, "min"), $"{path}.min"),
                n.Number(YamlNodes.Child(f, "max"), $"{path}.max"),
                n.Number(YamlNodes.Child(f, "range_tolerance"), $"{path}.range_tolerance", 0, 1e6),
                n.Boolean(YamlNodes.Child(f, "protected"), $"{path}.protected") ?? false));
        }
        return fields;
    }

    private static SplitSpec ReadSplit(YamlNode? node, YamlNodes n)
    {
        var map = n.Mapping(node, "split", ["kind", "test_fraction", "test_from", "seed"]);
        var kind = n.OneOf(YamlNodes.Child(map, "kind"), "split.kind", ["auto", "random", "time"]) ?? "auto";
        var fraction = n.Number(YamlNodes.Child(map, "test_fraction"), "split.test_fraction", 0.01, 0.9) ?? 0.2;
        var seed = (int)(n.Number(YamlNodes.Child(map, "seed"), "split.seed", 0, int.MaxValue) ?? 42);
        DateTime? from = null;
        if (n.Text(YamlNodes.Child(map, "test_from"), "split.test_from") is { } text)
        {
            if (Values.TryDate(text, out var date))
            {
                from = date;
            }
            else
            {
                n.Error(YamlNodes.Child(map, "test_from"), "split.test_from", $"expected a date like 2017-01-01, got '{text}'");
            }
        }
        return new SplitSpec(kind, fraction, from, seed);
    }

    private static List<Acknowledgement> ReadAcknowledgements(YamlNode? node, YamlNodes n)
    {
        var result = new List<Acknowledgement>();
        if (node is null)
        {
            return result;
        }
        if (node is not YamlSequenceNode list)
        {
            n.Error(node, "acknowledge", "expected a list of {code, field, by, reason}");
            return result;
        }
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"acknowledge[{i}]");
            var map = n.Mapping(list.Children[i], path, ["code", "field", "by", "reason"]);
            var code = n.Text(YamlNodes.Child(map, "code"), $"{path}.code", required: true);
            var field = n.Text(YamlNodes.Child(map, "field"), $"{path}.field", required: true);
            var by = n.Text(YamlNodes.Child(map, "by"), $"{path}.by", required: true);
            var reason = n.Text(YamlNodes.Child(map, "reason"), $"{path}.reason", required: true);
            if (code is not null && field is not null && by is not null && reason is not null)
            {
                result.Add(new Acknowledgement(code, field, by, reason));
            }
        }
        return result;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex IdPattern();
}
