using Graft.Review;
using YamlDotNet.RepresentationModel;

namespace Graft.UseCases;

public static partial class SpecReader
{
    private static readonly string[] ReviewKeys = ["band", "when", "sample_percent", "warnings", "reasons", "overlap", "claim_minutes", "expire_hours"];

    /// <summary>
    /// <c>review: { band: [0.35, 0.65], when: "…", sample_percent, warnings, reasons: [...], overlap, claim_minutes, expire_hours }</c>;
    /// no <c>review</c> key, no review policy (and no queue).
    /// </summary>
    private static ReviewPolicy? ReadReview(YamlNode? node, YamlNodes n)
    {
        if (node is null)
        {
            return null;
        }
        var map = n.Mapping(node, "review", ReviewKeys);
        var defaults = new ReviewPolicy();
        var policy = new ReviewPolicy
        {
            Band = ReadBand(YamlNodes.Child(map, "band"), n),
            When = n.Text(YamlNodes.Child(map, "when"), "review.when"),
            SamplePercent = n.Number(YamlNodes.Child(map, "sample_percent"), "review.sample_percent", 0, 100) ?? 0,
            Warnings = n.Boolean(YamlNodes.Child(map, "warnings"), "review.warnings") ?? defaults.Warnings,
            Reasons = n.TextList(YamlNodes.Child(map, "reasons"), "review.reasons").Distinct(StringComparer.Ordinal).ToList(),
            Overlap = (int)(n.Number(YamlNodes.Child(map, "overlap"), "review.overlap", 1, 10) ?? defaults.Overlap),
            ClaimMinutes = (int)(n.Number(YamlNodes.Child(map, "claim_minutes"), "review.claim_minutes", 1, 24 * 60) ?? defaults.ClaimMinutes),
            ExpireHours = (int)(n.Number(YamlNodes.Child(map, "expire_hours"), "review.expire_hours", 1, 24 * 365) ?? defaults.ExpireHours),
        };
        if (policy.When is { } when)
        {
            try
            {
                Training.Rules.RuleExpression.Parse(when);
            }
            catch (Training.Rules.RuleSyntaxException e)
            {
                n.Error(YamlNodes.Child(map, "when"), "review.when", e.Message);
            }
        }
        if (policy.Reasons.Count == 0)
        {
            n.Error(node, "review.reasons", "name the reason codes a reviewer chooses from when overriding, e.g. reasons: [wrong_label, missing_context]");
        }
        return policy;
    }

    private static (double, double)? ReadBand(YamlNode? node, YamlNodes n)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not YamlSequenceNode { Children.Count: 2 } pair)
        {
            n.Error(node, "review.band", "expected two scores, low and high, e.g. band: [0.35, 0.65]");
            return null;
        }
        var low = n.Number(pair.Children[0], "review.band[0]", 0, 1);
        var high = n.Number(pair.Children[1], "review.band[1]", 0, 1);
        if (low is not { } l || high is not { } h)
        {
            return null;
        }
        if (l > h)
        {
            n.Error(node, "review.band", $"the low end ({l}) is above the high end ({h})");
            return null;
        }
        return (l, h);
    }
}
