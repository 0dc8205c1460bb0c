using Graft.Monitoring;
using YamlDotNet.RepresentationModel;

namespace Graft.UseCases;

public static partial class SpecReader
{
    private static readonly string[] AlertKeys = ["name", "signal", "above", "below", "window", "min_samples", "for", "keep_firing_for", "severity", "on_alert"];

    /// <summary>
    /// <c>alerts: [{ name, signal, above | below, window: 1h, min_samples: 1, for: 0m, keep_firing_for: 0m, severity: warning, on_alert: rollback }]</c>:
    /// the use case's alert rules, each name once.
    /// </summary>
    private static List<AlertRule> ReadAlerts(YamlNode? node, YamlNodes n)
    {
        var rules = new List<AlertRule>();
        if (node is null || YamlNodes.IsNull(node))
        {
            return rules;
        }
        if (node is not YamlSequenceNode list)
        {
            n.Error(node, "alerts", "expected a list of alert rules, each { name, signal, above or below, … }");
            return rules;
        }
        for (var i = 0; i < list.Children.Count; i++)
        {
            var key = $"alerts[{i}]";
            var map = n.Mapping(list.Children[i], key, AlertKeys);
            if (map is null)
            {
                continue;
            }
            var name = n.Text(YamlNodes.Child(map, "name"), $"{key}.name", required: true);
            if (name is not null && rules.Any(r => r.Name == name))
            {
                n.Error(YamlNodes.Child(map, "name"), $"{key}.name", $"another alert is named '{name}': each name once");
            }
            AlertSignal? signal = null;
            if (n.Text(YamlNodes.Child(map, "signal"), $"{key}.signal", required: true) is { } text)
            {
                (signal, var problem) = AlertSignal.Parse(text);
                if (problem is not null)
                {
                    n.Error(YamlNodes.Child(map, "signal"), $"{key}.signal", problem);
                }
            }
            var above = n.Number(YamlNodes.Child(map, "above"), $"{key}.above");
            var below = n.Number(YamlNodes.Child(map, "below"), $"{key}.below");
            if ((above is null) == (below is null))
            {
                n.Error(map, key, "give the threshold as above: <number> or below: <number>, one of the two");
            }
            var window = n.Duration(YamlNodes.Child(map, "window"), $"{key}.window") ?? AlertRule.DefaultWindow;
            var holdFor = n.Duration(YamlNodes.Child(map, "for"), $"{key}.for") ?? TimeSpan.Zero;
            var keep = n.Duration(YamlNodes.Child(map, "keep_firing_for"), $"{key}.keep_firing_for") ?? TimeSpan.Zero;
            var minSamples = (long)(n.Number(YamlNodes.Child(map, "min_samples"), $"{key}.min_samples", 1, 1e12) ?? 1);
            var severity = n.OneOf(YamlNodes.Child(map, "severity"), $"{key}.severity", AlertRule.Severities) ?? "warning";
            var action = n.OneOf(YamlNodes.Child(map, "on_alert"), $"{key}.on_alert", ["rollback", "retrain"]);
            if (name is not null && signal is not null && (above ?? below) is { } threshold)
            {
                rules.Add(new AlertRule(name, signal, above is not null, threshold, window, minSamples, holdFor, keep, severity) { RollsBackCanary = action == "rollback", Retrains = action == "retrain" });
            }
        }
        return rules;
    }
}
