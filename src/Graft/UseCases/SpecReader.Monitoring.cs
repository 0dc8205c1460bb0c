using Graft.Monitoring;
using YamlDotNet.RepresentationModel;

namespace Graft.UseCases;

public static partial class SpecReader
{
    private static readonly string[] DriftSettingKeys = ["method", "threshold"];

    /// <summary>
    /// <c>monitoring: { min_values: 100, drift_share: 0.5, score: { method, threshold }, fields: { &lt;field&gt;: { method, threshold } } }</c>:
    /// how drift is judged; every key may be left out.
    /// </summary>
    private static MonitoringPolicy ReadMonitoring(YamlNode? node, YamlNodes n)
    {
        var map = n.Mapping(node, "monitoring", ["min_values", "drift_share", "score", "fields"]);
        if (map is null)
        {
            return MonitoringPolicy.Default;
        }
        var fields = new Dictionary<string, DriftSetting>(StringComparer.Ordinal);
        if (YamlNodes.Child(map, "fields") is { } fieldsNode)
        {
            if (fieldsNode is not YamlMappingNode fieldMap)
            {
                n.Error(fieldsNode, "monitoring.fields", "expected a mapping of field name to its drift method and threshold");
            }
            else
            {
                foreach (var (key, value) in fieldMap.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? "";
                    if (ReadDriftSetting(value, $"monitoring.fields.{name}", n) is { } setting)
                    {
                        fields[name] = setting;
                    }
                }
            }
        }
        var defaults = MonitoringPolicy.Default;
        return new MonitoringPolicy
        {
            MinValues = (int)(n.Number(YamlNodes.Child(map, "min_values"), "monitoring.min_values", 1, 1e9) ?? defaults.MinValues),
            DriftShare = n.Number(YamlNodes.Child(map, "drift_share"), "monitoring.drift_share", 0, 1) ?? defaults.DriftShare,
            Score = ReadDriftSetting(YamlNodes.Child(map, "score"), "monitoring.score", n),
            Fields = fields,
        };
    }

    private static DriftSetting? ReadDriftSetting(YamlNode? node, string key, YamlNodes n)
    {
        var map = n.Mapping(node, key, DriftSettingKeys);
        if (map is null)
        {
            return null;
        }
        var name = n.OneOf(YamlNodes.Child(map, "method"), $"{key}.method", [.. DriftMethods.Names.Keys]);
        DriftMethod? method = name is null ? null : DriftMethods.Names[name];
        // a test's threshold is a p-value; a distance may be any size, PSI past 1 is rare but meaningful
        var threshold = n.Number(YamlNodes.Child(map, "threshold"), $"{key}.threshold", 0, method?.IsTest() == true ? 1 : 1e6);
        if (threshold == 0)
        {
            n.Error(YamlNodes.Child(map, "threshold"), $"{key}.threshold", "a threshold of 0 would call every window drifted or none; give a positive number");
        }
        return new DriftSetting(method, threshold);
    }
}
