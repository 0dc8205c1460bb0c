using Graft.ModelTests;
using static Graft.Tests.ModelTests.ModelTestTables;

namespace Graft.Tests.ModelTests;

/// <summary>Slice metrics, flags and Fairlearn's group measures on a table small enough to check every number by hand.</summary>
public class SliceAndFairnessTests
{
    // group a: labels 1 1 0 0, scores .9 .4 .6 .1 -> decided 1 0 1 0: selection 2/4, TPR 1/2, FPR 1/2, accuracy 2/4
    // group b: labels 1 1 1 0 0, scores .8 .7 .2 .3 .1 -> decided 1 1 0 0 0: selection 2/5, TPR 2/3, FPR 0/2, accuracy 4/5
    private static readonly string?[] Group = ["a", "a", "a", "a", "b", "b", "b", "b", "b"];
    private static readonly float[] Labels = [1, 1, 0, 0, 1, 1, 1, 0, 0];
    private static readonly double[] Scores = [0.9, 0.4, 0.6, 0.1, 0.8, 0.7, 0.2, 0.3, 0.1];

    private static TestRows Table() => Rows(new Dictionary<string, string?[]> { ["group"] = Group }, Labels);

    [Fact]
    public void Fairness_by_group_matches_the_counts_by_hand()
    {
        var spec = Spec("""
            fields: { group: { protected: true } }
            model_tests: { fairness: { max_demographic_parity_difference: 0.05, min_demographic_parity_ratio: 0.75, max_equalized_odds_difference: { limit: 0.4, severity: blocking } } }
            """);
        var result = FairnessReport.Run(spec.ModelTests, "accuracy", Table(), Fixed(Scores), spec.Protected).Single();

        Assert.Equal(0.5, result.Groups["a"].SelectionRate);
        Assert.Equal(0.4, result.Groups["b"].SelectionRate);
        Assert.Equal(0.5, result.Groups["a"].Tpr);
        Assert.Equal(2 / 3.0, result.Groups["b"].Tpr!.Value, 12);
        Assert.Equal(0.5, result.Groups["a"].Fpr);
        Assert.Equal(0, result.Groups["b"].Fpr);
        Assert.Equal(0.5, result.Groups["a"].Metric);
        Assert.Equal(0.8, result.Groups["b"].Metric!.Value, 12);
        Assert.Equal(0.1, result.DemographicParityDifference!.Value, 12);
        Assert.Equal(0.8, result.DemographicParityRatio!.Value, 12);
        Assert.Equal(0.5, result.EqualizedOddsDifference!.Value, 12); // max(|1/2 - 2/3|, |1/2 - 0|)

        var limits = result.Limits.ToDictionary(l => l.Measure);
        Assert.False(limits[FairnessLimit.DemographicParityDifference].Passed);
        Assert.Equal("warning", limits[FairnessLimit.DemographicParityDifference].Severity);
        Assert.True(limits[FairnessLimit.DemographicParityRatio].Passed); // a floor: 0.8 >= 0.75
        Assert.False(limits[FairnessLimit.EqualizedOddsDifference].Passed);
        Assert.Equal("blocking", limits[FairnessLimit.EqualizedOddsDifference].Severity);
    }

    [Fact]
    public void A_slice_worse_than_the_rule_is_flagged_and_one_too_small_says_insufficient_data()
    {
        var spec = Spec("model_tests: { slices: [group], min_slice_rows: 5, tolerance: 0.1 }");
        // the rule is right on every row of group a and wrong on every row of group b
        double[] rule = [1, 1, 0, 0, 0, 0, 0, 1, 1];
        var slices = SliceReport.Run(spec.ModelTests, "accuracy", Table(), Fixed(Scores), Fixed(rule, name: "rule"), overall: 6 / 9.0);

        var a = slices.Single(s => s.Value == "a");
        Assert.Equal(4, a.Rows);
        Assert.Equal(SliceReport.InsufficientData, a.Flag); // 4 rows < min_slice_rows 5
        var b = slices.Single(s => s.Value == "b");
        Assert.Equal(0.8, b.Metrics["accuracy"]!.Value, 12);
        Assert.Equal(0, b.RuleMetric);
        Assert.Null(b.Flag); // better than the rule, and 0.8 is above the overall 0.667

        var strict = Spec("model_tests: { slices: [group], min_slice_rows: 1, tolerance: 0.1 }");
        var flagged = SliceReport.Run(strict.ModelTests, "accuracy", Table(), Fixed(Scores), Fixed(rule, name: "rule"), overall: 6 / 9.0);
        Assert.Equal(SliceReport.WorseThanRule, flagged.Single(s => s.Value == "a").Flag); // 0.5 against the rule's 1.0
        Assert.Equal(0.5, flagged.Single(s => s.Value == "a").Metrics["accuracy"]);
    }

    [Fact]
    public void A_slice_below_the_models_own_overall_value_is_flagged_when_the_rule_is_not_better()
    {
        var spec = Spec("model_tests: { slices: [group], min_slice_rows: 1, tolerance: 0.1 }");
        double[] rule = [0, 0, 1, 1, 0, 0, 0, 1, 1]; // wrong everywhere
        var slices = SliceReport.Run(spec.ModelTests, "accuracy", Table(), Fixed(Scores), Fixed(rule, name: "rule"), overall: 6 / 9.0);
        Assert.Equal(SliceReport.WorseThanOverall, slices.Single(s => s.Value == "a").Flag); // 0.5 < 0.667 - 0.1
    }

    [Fact]
    public void Numbers_are_cut_into_quantile_bands_and_a_flag_with_few_values_is_grouped_by_value()
    {
        string?[] ages = [.. Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), null];
        var banded = SliceGroups.Create("age", ages, numeric: true, bands: 4);
        Assert.Equal(["[0, 25)", "[25, 50)", "[50, 75)", "[75, 99]", SliceGroups.Missing], banded.Labels);
        Assert.Equal([25, 25, 25, 25, 1], banded.Sizes);

        string?[] flags = [.. Enumerable.Range(0, 100).Select(i => i < 84 ? "0" : "1")];
        var byValue = SliceGroups.Create("senior", flags, numeric: true, bands: 4);
        Assert.Equal(["0", "1"], byValue.Labels);
        Assert.Equal([84, 16], byValue.Sizes);
    }

    [Fact]
    public void Intervals_match_wilson_and_hanley_mcneil_computed_by_hand()
    {
        var wilson = SubsetMetrics.Wilson(0.5, 100)!;
        Assert.Equal(0.4038, wilson.Lower, 4);
        Assert.Equal(0.5962, wilson.Upper, 4);
        // Hanley & McNeil, A = 0.8 with 50 of each class: Q1 = 2/3, Q2 = 0.7111, SE = 0.04450
        var auc = SubsetMetrics.HanleyMcNeil(0.8, 50, 50);
        Assert.Equal(0.8 - 1.959964 * 0.044502, auc.Lower, 4);
        Assert.Equal(0.8 + 1.959964 * 0.044502, auc.Upper, 4);
    }
}
