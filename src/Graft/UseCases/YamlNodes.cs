using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Graft.UseCases;

/// <summary>
/// Typed reads of YAML nodes that record a <see cref="SpecError"/> (with line and dotted key) instead of
/// throwing, so one pass over a spec reports every problem.
/// </summary>
internal sealed class YamlNodes
{
    public List<SpecError> Errors { get; } = [];

    public void Error(YamlNode? node, string key, string message) =>
        Errors.Add(new SpecError(node is null ? 0 : (int)node.Start.Line, node is null ? 0 : (int)node.Start.Column, key, message));

    public YamlMappingNode? Mapping(YamlNode? node, string key, IReadOnlyCollection<string> allowed)
    {
        if (node is null || IsNull(node))
        {
            return null;
        }
        if (node is not YamlMappingNode map)
        {
            Error(node, key, "expected a mapping of keys to values");
            return null;
        }
        foreach (var child in map.Children.Keys)
        {
            var name = ((child as YamlScalarNode)?.Value) ?? "";
            if (!allowed.Contains(name))
            {
                var path = key.Length == 0 ? name : $"{key}.{name}";
                var hint = Closest(name, allowed) is { } close ? $"; did you mean '{close}'?" : "";
                Error(child, path, $"unknown key{hint} (known keys: {string.Join(", ", allowed)})");
            }
        }
        return map;
    }

    public static YamlNode? Child(YamlMappingNode? map, string name) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(name), out var node) ? node : null;

    public string? Text(YamlNode? node, string key, bool required = false)
    {
        if (node is null || IsNull(node))
        {
            if (required)
            {
                Error(node, key, "is required");
            }
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            Error(node, key, "expected a single value, not a list or mapping");
            return null;
        }
        var value = scalar.Value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Error(node, key, "is required and must not be empty");
            }
            return null;
        }
        return value;
    }

    public double? Number(YamlNode? node, string key, double min = double.MinValue, double max = double.MaxValue)
    {
        var text = Text(node, key);
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Error(node, key, $"expected a number, got '{text}'");
            return null;
        }
        if (value < min || value > max)
        {
            Error(node, key, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {text}");
            return null;
        }
        return value;
    }

    /// <summary>A duration in minutes, hours or days (<c>10m</c>, <c>36h</c>, <c>90d</c>); null when absent, an error when it is not one.</summary>
    public TimeSpan? Duration(YamlNode? node, string key)
    {
        if (Text(node, key) is not { } text)
        {
            return null;
        }
        var duration = Governance.RetentionPolicy.ParseDuration(text);
        if (duration is null)
        {
            Error(node, key, $"'{text}' is not a duration: write minutes as 10m, hours as 36h or days as 90d");
        }
        return duration;
    }

    /// <summary>
    /// A range written <c>[low, high]</c>, each end within [<paramref name="min"/>, <paramref name="max"/>] and the low
    /// at or below the high; null when absent, an error naming the key (with <paramref name="example"/>) when it is not one.
    /// </summary>
    public (double Low, double High)? Range(YamlNode? node, string key, double min, double max, string example)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not YamlSequenceNode { Children.Count: 2 } pair)
        {
            Error(node, key, $"expected two numbers, low and high, e.g. {example}");
            return null;
        }
        var low = Number(pair.Children[0], $"{key}[0]", min, max);
        var high = Number(pair.Children[1], $"{key}[1]", min, max);
        if (low is not { } l || high is not { } h)
        {
            return null;
        }
        if (l > h)
        {
            Error(node, key, string.Create(CultureInfo.InvariantCulture, $"the low end ({l}) is above the high end ({h})"));
            return null;
        }
        return (l, h);
    }

    public bool? Boolean(YamlNode? node, string key)
    {
        var text = Text(node, key);
        switch (text?.ToLowerInvariant())
        {
            case null: return null;
            case "true" or "yes": return true;
            case "false" or "no": return false;
            default:
                Error(node, key, $"expected true or false, got '{text}'");
                return null;
        }
    }

    public string? OneOf(YamlNode? node, string key, IReadOnlyCollection<string> choices, bool required = false)
    {
        var text = Text(node, key, required);
        if (text is not null && !choices.Contains(text))
        {
            var hint = Closest(text, choices) is { } close ? $"; did you mean '{close}'?" : "";
            Error(node, key, $"'{text}' is not one of {string.Join(", ", choices)}{hint}");
            return null;
        }
        return text;
    }

    public List<string> TextList(YamlNode? node, string key)
    {
        if (node is null || IsNull(node))
        {
            return [];
        }
        if (node is YamlScalarNode)
        {
            return Text(node, key) is { } single ? [single] : [];
        }
        if (node is not YamlSequenceNode list)
        {
            Error(node, key, "expected a list of values");
            return [];
        }
        return [.. list.Children.Select((item, i) => Text(item, $"{key}[{i}]")).OfType<string>()];
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s && (s.Value is null or "" or "~" or "null");

    /// <summary>A known name within two edits, or equal ignoring case, to suggest for a misspelling.</summary>
    internal static string? Closest(string name, IEnumerable<string> known) => ClosestName.Find(name, known);
}
