using Graft.Training.Evaluation;

namespace Graft.ModelTests;

/// <summary>
/// The spec's metrics on each value of each slice field, beside the rule's on the same rows. A slice is flagged
/// <c>worse_than_rule</c> or <c>worse_than_overall</c> when the candidate's metric there is worse than the rule's, or than its
/// own over all rows, by more than the tolerance; a slice under <c>min_slice_rows</c> rows says <c>insufficient_data</c>.
/// </summary>
public static class SliceReport
{
    public const string WorseThanRule = "worse_than_rule";
    public const string WorseThanOverall = "worse_than_overall";
    public const string InsufficientData = "insufficient_data";

    public static List<SliceResult> Run(ModelTestPolicy policy, string metric, TestRows rows, TestedCandidate candidate, TestedCandidate? rule, double overall)
    {
        var results = new List<SliceResult>();
        var mine = new SubsetMetrics(rows, candidate);
        var theirs = rule is null ? null : new SubsetMetrics(rows, rule);
        foreach (var field in policy.Slices)
        {
            var groups = SliceGroups.Create(field, rows.Frame.Column(field), rows.IsNumeric(field), policy.Bands);
            var members = groups.Members();
            for (var g = 0; g < members.Length; g++)
            {
                var subset = members[g];
                if (subset.Count < policy.MinSliceRows)
                {
                    results.Add(new SliceResult(field, groups.Labels[g], subset.Count, new Dictionary<string, double?>(), null, null, InsufficientData));
                    continue;
                }
                var metrics = mine.All(subset);
                var value = metrics.TryGet(metric, out var v) ? v : double.NaN;
                var ruleValue = theirs?.One(metric, subset) ?? double.NaN;
                results.Add(new SliceResult(field, groups.Labels[g], subset.Count, SubsetMetrics.Shown(metrics), mine.Interval(metric, subset, metrics),
                    double.IsFinite(ruleValue) ? ruleValue : null, Flag(metric, value, ruleValue, overall, policy.Tolerance)));
            }
        }
        return results;
    }

    /// <summary>Worse than the rule first: that is the comparison the gate makes, and it says more than a dip below the model's own average.</summary>
    private static string? Flag(string metric, double value, double rule, double overall, double tolerance)
    {
        if (double.IsNaN(value))
        {
            return null;
        }
        if (!double.IsNaN(rule) && MetricCatalog.Improvement(metric, value, rule) < -tolerance)
        {
            return WorseThanRule;
        }
        return !double.IsNaN(overall) && MetricCatalog.Improvement(metric, value, overall) < -tolerance ? WorseThanOverall : null;
    }
}
