using Graft.Audit;
using static Graft.Tests.Audit.Frames;

namespace Graft.Tests.Audit;

public class IdLikeFieldTests
{
    [Fact]
    public void A_category_with_a_unique_value_per_row_is_id_like_and_not_trained_on()
    {
        var report = RunAudit(Of(("label", Labels(50)), ("ref", Each(50, i => $"A{i:D3}"))));

        var finding = report.Single(FindingCodes.IdLikeField, "ref");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(1, finding.Numbers["unique_share"]);
        Assert.Contains("50 distinct values in 50 rows", finding.Message);
        var use = report.Field("ref")!.Use;
        Assert.False(use.Train);
        Assert.Contains("ID-like", use.Reason);
    }

    [Fact]
    public void A_field_named_like_an_id_is_id_like_when_most_values_are_unique()
    {
        // 30 distinct in 50 rows: 60% unique; enough with an id's name, not without one.
        var values = Each(50, i => $"v{i % 30}");
        var report = RunAudit(Of(("label", Labels(50)), ("order_id", values), ("colour", values), ("customerID", values)));

        Assert.True(report.Has(FindingCodes.IdLikeField, "order_id"));
        Assert.True(report.Has(FindingCodes.IdLikeField, "customerID"));
        Assert.False(report.Has(FindingCodes.IdLikeField, "colour"));
    }

    [Fact]
    public void Unique_whole_numbers_are_id_like_but_unique_measurements_are_not()
    {
        var report = RunAudit(Of(("label", Labels(50)), ("row", Each(50, i => (1000 + i).ToString())), ("amount", Each(50, i => $"{i}.5"))));

        Assert.True(report.Has(FindingCodes.IdLikeField, "row"));
        Assert.False(report.Has(FindingCodes.IdLikeField, "amount"));
    }

    [Fact]
    public void Unique_prose_is_not_id_like_but_unique_long_tokens_are()
    {
        var report = RunAudit(Of(
            ("label", Labels(50)),
            ("review", Each(50, i => $"Review number {i}: the product arrived late but works")),
            ("token", Each(50, i => $"tok-{i:D4}-7f3a9c2e5b1d4f60a8e2c9b7"))));

        Assert.Equal(Graft.Data.FieldType.Text, report.Field("review")!.Type);
        Assert.False(report.Has(FindingCodes.IdLikeField, "review"));
        Assert.True(report.Has(FindingCodes.IdLikeField, "token"));
    }

    [Fact]
    public void The_entity_key_being_unique_is_only_info()
    {
        var spec = Spec() with { Entity = "customer" };
        var report = RunAudit(Of(("label", Labels(50)), ("customer", Each(50, i => $"C{i}"))), spec);

        var finding = report.Single(FindingCodes.IdLikeField, "customer");
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Contains("entity key", finding.Message);
    }

    [Fact]
    public void The_spec_can_train_on_an_id_like_field()
    {
        var spec = Spec() with { Fields = [new Graft.UseCases.FieldPolicy("ref", Train: true)] };
        var report = RunAudit(Of(("label", Labels(50)), ("ref", Each(50, i => $"A{i:D3}"))), spec);

        Assert.True(report.Has(FindingCodes.IdLikeField, "ref"));
        Assert.True(report.Field("ref")!.Use.Train);
    }
}
