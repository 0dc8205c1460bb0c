using System.Globalization;
using Graft.Audit;
using Graft.UseCases;
using static Graft.Tests.Audit.Frames;

namespace Graft.Tests.Audit;

public class LeakageTests
{
    private const int Rows = 400;

    private static readonly string?[] Label = Labels(Rows, 0.4, seed: 7);

    [Fact]
    public void A_field_that_restates_the_label_is_a_blocking_leakage_suspect()
    {
        var status = Each(Rows, i => Label[i] == "yes" ? "Canceled" : "Check-Out");
        var report = RunAudit(Of(("label", Label), ("status", status)));

        var finding = report.Single(FindingCodes.LeakageSuspect, "status");
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.Equal(1, finding.Numbers["roc_auc"], 9);
        Assert.Equal(Rows / 2, finding.Numbers["test_rows"]);
        Assert.Contains("status alone predicts label almost perfectly (ROC AUC 1.000", finding.Message);
        Assert.Equal(1, report.Blocking);
    }

    [Fact]
    public void A_number_that_separates_the_classes_is_a_leakage_suspect()
    {
        var days = Each(Rows, i => ((Label[i] == "yes" ? 100 : 0) + (i % 7)).ToString(CultureInfo.InvariantCulture));
        var report = RunAudit(Of(("label", Label), ("days_since_outcome", days)));

        Assert.True(report.Has(FindingCodes.LeakageSuspect, "days_since_outcome"));
    }

    [Fact]
    public void A_field_present_only_for_one_class_leaks_through_its_missing_values()
    {
        var reasons = Random(Rows, 3, "price", "moved", "service");
        var reason = Each(Rows, i => Label[i] == "yes" ? reasons[i] : null);
        var report = RunAudit(Of(("label", Label), ("cancel_reason", reason)));

        Assert.True(report.Has(FindingCodes.LeakageSuspect, "cancel_reason"));
    }

    [Fact]
    public void A_strong_but_imperfect_field_is_not_a_suspect()
    {
        // Agrees with the label in about 85% of rows: a good feature, not a leak.
        var noise = new Random(11);
        var segment = Each(Rows, i => (Label[i] == "yes") ^ (noise.NextDouble() < 0.15) ? "online" : "agent");
        var report = RunAudit(Of(("label", Label), ("segment", segment), ("noise", Random(Rows, 5, "a", "b", "c"))));

        Assert.False(report.Has(FindingCodes.LeakageSuspect, "segment"));
        Assert.False(report.Has(FindingCodes.LeakageSuspect, "noise"));
    }

    [Fact]
    public void An_identifier_is_not_a_suspect_because_unseen_values_fall_back_to_the_prior()
    {
        var report = RunAudit(Of(("label", Label), ("booking_id", Each(Rows, i => $"B{i}"))));

        Assert.False(report.Has(FindingCodes.LeakageSuspect, "booking_id"));
    }

    [Fact]
    public void The_target_itself_is_not_analysed_as_an_input()
    {
        var report = RunAudit(Of(("label", Label), ("x", Random(Rows, 5, "a", "b"))));

        Assert.DoesNotContain(report.Findings, f => f.Field == "label" && f.Code == FindingCodes.LeakageSuspect);
        Assert.Equal(FieldRoles.Target, report.Field("label")!.Role);
    }

    [Fact]
    public void A_suspect_the_spec_excludes_drops_to_info()
    {
        var status = Each(Rows, i => Label[i] == "yes" ? "Canceled" : "Check-Out");
        var spec = Spec() with { Exclude = ["status"] };
        var report = RunAudit(Of(("label", Label), ("status", status)), spec);

        var finding = report.Single(FindingCodes.LeakageSuspect, "status");
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Contains("excluded by the spec", finding.Message);
        Assert.Equal(0, report.Blocking);
        Assert.False(report.Field("status")!.Use.Train);
    }

    [Fact]
    public void An_acknowledged_suspect_no_longer_blocks()
    {
        var status = Each(Rows, i => Label[i] == "yes" ? "Canceled" : "Check-Out");
        var spec = Spec() with { Acknowledged = [new Acknowledgement("leakage_suspect", "status", "ana@example.com", "set at booking time")] };
        var report = RunAudit(Of(("label", Label), ("status", status)), spec);

        var finding = report.Single(FindingCodes.LeakageSuspect, "status");
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.True(finding.Acknowledged);
        Assert.Equal("ana@example.com", finding.AcknowledgedBy);
        Assert.Equal("set at booking time", finding.AcknowledgedReason);
        Assert.Equal(0, report.Blocking);
    }

    [Fact]
    public void An_acknowledgement_for_another_field_does_not_apply()
    {
        var status = Each(Rows, i => Label[i] == "yes" ? "Canceled" : "Check-Out");
        var spec = Spec() with { Acknowledged = [new Acknowledgement("leakage_suspect", "other", "ana@example.com", "fine")] };
        var report = RunAudit(Of(("label", Label), ("status", status)), spec);

        Assert.Equal(1, report.Blocking);
    }

    [Fact]
    public void A_multiclass_field_that_names_the_class_is_a_suspect()
    {
        var classes = Random(Rows, 9, "a", "b", "c");
        var report = RunAudit(Of(("label", classes), ("code", Each(Rows, i => classes[i] + "-final"))), Spec(TaskKind.Multiclass));

        var finding = report.Single(FindingCodes.LeakageSuspect, "code");
        Assert.Equal(1, finding.Numbers["accuracy"], 9);
        Assert.True(finding.Numbers["majority_share"] < 0.5);
    }

    [Fact]
    public void Matching_only_the_majority_class_is_not_a_multiclass_leak()
    {
        // 97% of rows are "a"; a constant field is right 97% of the time and tells nothing.
        var classes = Each(Rows, i => i % 33 == 0 ? "b" : "a");
        var report = RunAudit(Of(("label", classes), ("flat", Each(Rows, _ => "x"))), Spec(TaskKind.Multiclass));

        Assert.False(report.Has(FindingCodes.LeakageSuspect, "flat"));
    }

    [Fact]
    public void A_regression_field_that_is_the_target_rescaled_is_a_suspect()
    {
        var random = new Random(4);
        var y = Enumerable.Range(0, Rows).Select(_ => random.NextDouble() * 100).ToArray();
        var report = RunAudit(Of(
            ("price", [.. y.Select(v => v.ToString(CultureInfo.InvariantCulture))]),
            ("price_in_cents", [.. y.Select(v => (v * 100).ToString(CultureInfo.InvariantCulture))]),
            ("noise", [.. y.Select(_ => random.NextDouble().ToString(CultureInfo.InvariantCulture))])), Spec(TaskKind.Regression, "price"));

        Assert.True(report.Single(FindingCodes.LeakageSuspect, "price_in_cents").Numbers["r2"] >= 0.95);
        Assert.False(report.Has(FindingCodes.LeakageSuspect, "noise"));
    }

    [Fact]
    public void The_same_data_gives_the_same_findings()
    {
        var frame = Of(("label", Label), ("segment", Random(Rows, 2, "a", "b", "c")), ("status", Each(Rows, i => Label[i])));

        var first = RunAudit(frame).Findings.Select(f => f.Message);
        var second = RunAudit(frame).Findings.Select(f => f.Message);

        Assert.Equal(first, second);
    }
}
