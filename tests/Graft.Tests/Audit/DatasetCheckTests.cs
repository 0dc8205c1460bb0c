using Graft.Audit;
using Graft.UseCases;
using static Graft.Tests.Audit.Frames;

namespace Graft.Tests.Audit;

public class DatasetCheckTests
{
    [Fact]
    public void Rows_equal_in_every_column_to_an_earlier_row_are_duplicates()
    {
        // Rows 7, 8 and 9 copy rows 0, 1 and 0; a missing value matches a missing value.
        var report = RunAudit(Of(
            ("label", ["yes", "no", "yes", "no", "yes", "no", "yes", "yes", "no", "yes"]),
            ("a", ["1", "2", "3", "4", "5", "6", "7", "1", "2", "1"]),
            ("b", [null, "x", "y", "z", "x", "y", "z", null, "x", null])));

        var finding = report.Single(FindingCodes.DuplicateRows, null);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(3, finding.Numbers["duplicates"]);
        Assert.Equal(0.3, finding.Numbers["share"], 9);
        Assert.StartsWith("3 of 10 rows (30%) repeat an earlier row", finding.Message);
    }

    [Fact]
    public void Rows_that_differ_in_one_column_are_not_duplicates()
    {
        var report = RunAudit(Of(("label", ["yes", "yes", "no"]), ("a", ["1", "1", "1"]), ("b", ["x", "y", "x"])));

        Assert.False(report.Has(FindingCodes.DuplicateRows, null));
    }

    [Fact]
    public void Five_percent_of_rows_without_a_label_block_and_will_be_dropped()
    {
        var labels = Labels(100);
        for (var i = 0; i < 5; i++)
        {
            labels[i * 10] = null;
        }
        var report = RunAudit(Of(("label", labels), ("x", Each(100, i => (i % 3).ToString()))));

        var finding = report.Single(FindingCodes.MissingLabels, "label");
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.Equal(5, finding.Numbers["missing"]);
        Assert.Contains("5 of 100 rows (5%)", finding.Message);
        Assert.Contains("dropped from training", finding.Message);
        Assert.Equal(1, report.Blocking);
        Assert.Equal(95, report.Label!.Labelled);
    }

    [Fact]
    public void Under_one_percent_of_rows_without_a_label_is_a_warning()
    {
        var labels = Labels(200);
        labels[3] = null;
        var report = RunAudit(Of(("label", labels), ("x", Each(200, i => (i % 3).ToString()))));

        var finding = report.Single(FindingCodes.MissingLabels, "label");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("1 of 200 rows (0.5%)", finding.Message);
    }

    [Fact]
    public void A_regression_target_that_is_not_a_number_counts_as_missing()
    {
        var target = Each(100, i => i == 4 ? "unknown" : (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var report = RunAudit(Of(("price", target), ("x", Each(100, i => (i % 3).ToString()))), Spec(TaskKind.Regression, "price"));

        Assert.Equal(1, report.Single(FindingCodes.MissingLabels, "price").Numbers["missing"]);
    }

    [Theory]
    [InlineData(5, Severity.Warning)]
    [InlineData(20, Severity.Info)]
    public void A_rare_binary_class_is_reported_with_its_counts(int yes, Severity severity)
    {
        var report = RunAudit(Of(("label", Labels(yes, 100 - yes))));

        var finding = report.Single(FindingCodes.LabelImbalance, "label");
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(yes, finding.Numbers["smallest"]);
        Assert.Equal(100 - yes, finding.Numbers["largest"]);
        Assert.Contains($"'yes' is {yes} of 100 labelled rows ({yes}%)", finding.Message);
    }

    [Fact]
    public void A_binary_minority_of_40_percent_is_balanced_enough()
    {
        var report = RunAudit(Of(("label", Labels(40, 60))));

        Assert.False(report.Has(FindingCodes.LabelImbalance, "label"));
        Assert.Equal(new[] { new ValueCount("no", 60), new ValueCount("yes", 40) }, report.Label!.Classes);
        Assert.Equal("yes", report.Label.Positive);
    }

    [Fact]
    public void A_multiclass_class_with_fewer_than_five_rows_is_a_warning()
    {
        string?[] labels = [.. Enumerable.Repeat("a", 50), .. Enumerable.Repeat("b", 47), .. Enumerable.Repeat("c", 3)];
        var report = RunAudit(Of(("label", labels)), Spec(TaskKind.Multiclass));

        var finding = report.Single(FindingCodes.LabelImbalance, "label");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(3, finding.Numbers["smallest"]);
        Assert.Contains("'c', has 3 rows against 50 for the largest, 'a'", finding.Message);
    }

    [Fact]
    public void A_multiclass_class_under_one_percent_of_the_largest_is_a_warning()
    {
        string?[] labels = [.. Enumerable.Repeat("a", 1000), .. Enumerable.Repeat("b", 600), .. Enumerable.Repeat("c", 9)];
        var report = RunAudit(Of(("label", labels)), Spec(TaskKind.Multiclass));

        Assert.Equal(Severity.Warning, report.Single(FindingCodes.LabelImbalance, "label").Severity);
    }

    [Fact]
    public void Balanced_classes_have_no_imbalance_finding()
    {
        string?[] labels = [.. Enumerable.Repeat("a", 100), .. Enumerable.Repeat("b", 60), .. Enumerable.Repeat("c", 10)];
        var report = RunAudit(Of(("label", labels)), Spec(TaskKind.Multiclass));

        Assert.False(report.Has(FindingCodes.LabelImbalance, "label"));
    }

    [Fact]
    public void A_target_with_a_single_class_blocks()
    {
        var report = RunAudit(Of(("label", Labels(0, 30))));

        Assert.Equal(Severity.Blocking, report.Single(FindingCodes.LabelImbalance, "label").Severity);
    }

    [Fact]
    public void A_target_the_data_does_not_have_is_refused()
    {
        var error = Assert.Throws<GraftException>(() => RunAudit(Of(("x", ["1"])), Spec(target: "churned")));

        Assert.Contains("churned", error.Message);
    }
}
