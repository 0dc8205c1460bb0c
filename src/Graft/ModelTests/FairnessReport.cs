namespace Graft.ModelTests;

/// <summary>
/// Per group of each protected field: selection rate (the share decided positive), true and false positive rates, and
/// the spec's metric; and Fairlearn's summaries over the groups (<c>demographic_parity_difference</c>,
/// <c>demographic_parity_ratio</c>, <c>equalized_odds_difference</c>, each "between groups" as Fairlearn's default). A
/// group's rate that its rows do not define (no positives for a TPR) is null and left out of the summaries. Every group
/// counts, however small, as in Fairlearn: a small group is the one a model most easily fails, and its rows are shown
/// beside its rates so a reader can tell a real gap from a noisy one.
/// </summary>
public static class FairnessReport
{
    public static List<FairnessResult> Run(ModelTestPolicy policy, string metric, TestRows rows, TestedCandidate candidate, IEnumerable<string> protectedFields)
    {
        var results = new List<FairnessResult>();
        var subsets = new SubsetMetrics(rows, candidate);
        foreach (var field in protectedFields)
        {
            var groups = SliceGroups.Create(field, rows.Frame.Column(field), rows.IsNumeric(field), policy.Bands);
            var members = groups.Members();
            var byGroup = new Dictionary<string, GroupRates>(StringComparer.Ordinal);
            for (var g = 0; g < members.Length; g++)
            {
                var value = subsets.One(metric, members[g]);
                byGroup[groups.Labels[g]] = Rates(rows, subsets, members[g]) with { Metric = double.IsFinite(value) ? value : null };
            }
            var measured = byGroup.Values.ToList();
            var dpd = Spread(measured.Select(r => r.SelectionRate));
            var ratio = Ratio(measured.Select(r => r.SelectionRate));
            var tpr = Spread(measured.Select(r => r.Tpr));
            var fpr = Spread(measured.Select(r => r.Fpr));
            double? eod = tpr is null && fpr is null ? null : Math.Max(tpr ?? 0, fpr ?? 0);
            var limits = policy.Fairness.Select(l => Check(l, l.Measure switch
            {
                FairnessLimit.DemographicParityDifference => dpd,
                FairnessLimit.DemographicParityRatio => ratio,
                _ => eod,
            })).ToList();
            results.Add(new FairnessResult(field, byGroup, dpd, ratio, eod, limits));
        }
        return results;
    }

    /// <summary>A group's rates at the candidate's threshold (binary); for other tasks only its size.</summary>
    private static GroupRates Rates(TestRows rows, SubsetMetrics subsets, List<int> members)
    {
        if (rows.Task != UseCases.TaskKind.Binary)
        {
            return new GroupRates(members.Count, null, null, null, null);
        }
        var c = subsets.Counts(members);
        var (positives, negatives) = (c.TruePositives + c.FalseNegatives, c.FalsePositives + c.TrueNegatives);
        return new GroupRates(members.Count, members.Count == 0 ? null : (double)(c.TruePositives + c.FalsePositives) / members.Count,
            positives == 0 ? null : (double)c.TruePositives / positives, negatives == 0 ? null : (double)c.FalsePositives / negatives, null);
    }

    private static double? Spread(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        return present.Count == 0 ? null : present.Max() - present.Min();
    }

    /// <summary>Smallest over largest; 1 when every group is selected at the same rate, even if that rate is 0 (Fairlearn would divide by zero).</summary>
    private static double? Ratio(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        return present.Count == 0 ? null : present.Max() == 0 ? 1 : present.Min() / present.Max();
    }

    private static LimitCheck Check(FairnessLimit limit, double? value) =>
        new(limit.Measure, limit.Value, value, value is not { } v || limit.Holds(v), limit.Severity == LimitSeverity.Blocking ? "blocking" : "warning");
}
