using YamlDotNet.RepresentationModel;

namespace Graft.UseCases;

public static partial class SpecReader
{
    /// <summary><c>outcomes: { window: 30d }</c>: how far back an outcome reported by entity looks for its prediction.</summary>
    private static TimeSpan ReadOutcomeWindow(YamlNode? node, YamlNodes n)
    {
        var map = n.Mapping(node, "outcomes", ["window"]);
        return n.Duration(YamlNodes.Child(map, "window"), "outcomes.window") ?? UseCaseSpec.DefaultOutcomeWindow;
    }
}
