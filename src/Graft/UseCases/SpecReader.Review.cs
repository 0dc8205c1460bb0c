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
            Band = n.Range(YamlNodes.Child(map, "band"), "review.band", 0, 1, "band: [0.35, 0.65]"),
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
}
