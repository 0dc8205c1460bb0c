using Graft.Audit;
using static Graft.Tests.Audit.Frames;

namespace Graft.Tests.Audit;

public class FieldCheckTests
{
    [Fact]
    public void Three_missing_of_ten_is_a_warning_of_30_percent()
    {
        var report = RunAudit(Of(("label", Labels(5, 5)), ("x", ["a", null, "b", null, "c", null, "d", "e", "f", "g"])));

        var finding = report.Single(FindingCodes.MissingValues, "x");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(3, finding.Numbers["missing"]);
        Assert.Equal(10, finding.Numbers["rows"]);
        Assert.Equal(0.3, finding.Numbers["share"], 9);
        Assert.Equal("x is missing in 3 of 10 rows (30%)", finding.Message);
        Assert.Equal(3, report.Field("x")!.Missing);
        Assert.Equal(0.7, report.Field("x")!.Completeness, 9);
    }

    [Fact]
    public void One_missing_of_a_hundred_is_info()
    {
        var report = RunAudit(Of(("label", Labels(100)), ("x", Each(100, i => i == 7 ? null : (i % 4).ToString()))));

        var finding = report.Single(FindingCodes.MissingValues, "x");
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Contains("1 of 100 rows (1%)", finding.Message);
    }

    [Fact]
    public void A_field_missing_in_more_than_half_the_rows_says_so()
    {
        var report = RunAudit(Of(("label", Labels(5, 5)), ("x", ["a", null, null, null, "b", null, null, null, "d", "e"])));

        var finding = report.Single(FindingCodes.MissingValues, "x");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("6 of 10 rows (60%)", finding.Message);
        Assert.Contains("more than half", finding.Message);
    }

    [Fact]
    public void A_complete_field_has_no_missing_values_finding()
    {
        var report = RunAudit(Of(("label", Labels(5, 5)), ("x", Each(10, i => (i % 3).ToString()))));

        Assert.False(report.Has(FindingCodes.MissingValues, "x"));
    }

    [Fact]
    public void Values_that_do_not_fit_a_numeric_field_are_counted_with_examples()
    {
        // 38 numbers and 2 words: 95% fit, so the field is numeric and the words are inconsistent.
        var values = Each(40, i => i switch { 10 => "abc", 20 => "12kg", _ => (i % 9).ToString() });
        var report = RunAudit(Of(("label", Labels(40)), ("weight", values)));

        var finding = report.Single(FindingCodes.TypeInconsistent, "weight");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(2, finding.Numbers["inconsistent"]);
        Assert.Equal(40, finding.Numbers["present"]);
        Assert.Contains("2 of 40 present values (5%)", finding.Message);
        Assert.Contains("'abc'", finding.Message);
        Assert.Contains("'12kg'", finding.Message);
    }

    [Fact]
    public void A_field_with_one_value_is_constant()
    {
        var report = RunAudit(Of(("label", Labels(5, 5)), ("country", ["NL", "NL", null, "NL", "NL", "NL", null, "NL", "NL", "NL"])));

        var finding = report.Single(FindingCodes.ConstantField, "country");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(8, finding.Numbers["present"]);
        Assert.Contains("'NL' in all 8 rows that have a value (2 have none)", finding.Message);
    }

    [Fact]
    public void A_field_with_two_values_is_not_constant()
    {
        var report = RunAudit(Of(("label", Labels(5, 5)), ("country", Each(10, i => i == 3 ? "BE" : "NL"))));

        Assert.False(report.Has(FindingCodes.ConstantField, "country"));
    }

    [Fact]
    public void A_category_with_more_than_100_values_has_high_cardinality()
    {
        // 150 cities, each in 4 of 600 rows: not unique enough to be an id.
        var report = RunAudit(Of(("label", Labels(600)), ("city", Each(600, i => $"city-{i % 150}"))));

        var finding = report.Single(FindingCodes.HighCardinality, "city");
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(150, finding.Numbers["distinct"]);
        Assert.Equal(150, finding.Numbers["rare_values"]);
        Assert.False(report.Has(FindingCodes.IdLikeField, "city"));
    }

    [Fact]
    public void A_category_with_100_values_is_not_high_cardinality()
    {
        var report = RunAudit(Of(("label", Labels(600)), ("city", Each(600, i => $"city-{i % 100}"))));

        Assert.False(report.Has(FindingCodes.HighCardinality, "city"));
    }

    [Fact]
    public void A_number_far_beyond_three_interquartile_ranges_is_an_outlier()
    {
        // 0..9 ten times each (one 9 fewer) plus 1000: Q1 = 2, Q3 = 7, so the upper fence is 7 + 3 * 5 = 22.
        var values = Each(100, i => i == 99 ? "1000" : (i % 10).ToString());
        var report = RunAudit(Of(("label", Labels(100)), ("nights", values)));

        var finding = report.Single(FindingCodes.Outliers, "nights");
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(1, finding.Numbers["outliers"]);
        Assert.Equal(1, finding.Numbers["above"]);
        Assert.Equal(22, finding.Numbers["high_fence"], 9);
        Assert.Equal(1000, finding.Numbers["largest_outlier"]);
        Assert.Contains("1 value (1%) far above the typical range (over 22), all 1,000", finding.Message);
    }

    [Fact]
    public void Many_outliers_are_a_warning()
    {
        var values = Each(100, i => i < 5 ? "500" : (i % 10).ToString());
        var report = RunAudit(Of(("label", Labels(100)), ("nights", values)));

        var finding = report.Single(FindingCodes.Outliers, "nights");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(5, finding.Numbers["outliers"]);
    }

    [Fact]
    public void A_field_whose_middle_half_is_one_value_has_no_outliers()
    {
        var values = Each(100, i => i < 5 ? "50" : "0");
        var report = RunAudit(Of(("label", Labels(100)), ("babies", values)));

        Assert.False(report.Has(FindingCodes.Outliers, "babies"));
    }
}
