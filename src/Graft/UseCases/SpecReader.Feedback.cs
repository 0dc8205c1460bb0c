using YamlDotNet.RepresentationModel;

namespace Graft.UseCases;

public static partial class SpecReader
{
    /// <summary><c>outcomes: { window: 30d }</c>: how far back an outcome reported by entity looks for its prediction.</summary>
    private static TimeSpan ReadOutcomeWindow(YamlNode? node, YamlNodes n)
    {
        var map = n.Mapping(node, "outcomes", ["window"]);
        var child = YamlNodes.Child(map, "window");
        if (n.Text(child, "outcomes.window") is not { } text)
        {
            return UseCaseSpec.DefaultOutcomeWindow;
        }
        var window = Governance.RetentionPolicy.ParseDuration(text);
        if (window is null)
        {
            n.Error(child, "outcomes.window", $"'{text}' is not a duration: write days as 30d or hours as 36h");
        }
        return window ?? UseCaseSpec.DefaultOutcomeWindow;
    }
}
