using Graft.Audit;
using Graft.Data;
using Graft.UseCases;

namespace Graft.Tests.Audit;

public class DataUsePolicyTests
{
    private static readonly FieldSchema Schema = new("field", FieldType.Category, Present: 10, Missing: 0, Distinct: 3, Consistency: 1);

    private static AuditFinding Found(string code) => new(code, Severity.Warning, "field", "found", new Dictionary<string, double>());

    [Fact]
    public void A_plain_input_is_trained_on_used_at_inference_and_logged()
    {
        var use = DataUsePolicy.Resolve(null, Schema, [], FieldRoles.Input);

        Assert.Equal(new FieldUse(true, true, true, false, use.Reason), use);
        Assert.Contains("an input", use.Reason);
    }

    [Theory]
    [InlineData(FieldRoles.Target, "the target")]
    [InlineData(FieldRoles.Entity, "the entity key")]
    [InlineData(FieldRoles.Timestamp, "the timestamp")]
    [InlineData(FieldRoles.Excluded, "excluded by the spec")]
    public void Target_entity_timestamp_and_excluded_fields_are_not_trained_on(string role, string reason)
    {
        var use = DataUsePolicy.Resolve(new FieldPolicy("field", Train: true), Schema, [], role);

        Assert.False(use.Train);
        Assert.False(use.Inference);
        Assert.True(use.Log);
        Assert.Contains(reason, use.Reason);
    }

    [Fact]
    public void An_id_like_field_is_not_trained_on_unless_the_spec_says_so()
    {
        var found = new[] { Found(FindingCodes.IdLikeField) };

        Assert.False(DataUsePolicy.Resolve(null, Schema, found, FieldRoles.Input).Train);
        var allowed = DataUsePolicy.Resolve(new FieldPolicy("field", Train: true), Schema, found, FieldRoles.Input);
        Assert.True(allowed.Train);
        Assert.Contains("spec says train: true", allowed.Reason);
    }

    [Fact]
    public void A_sensitive_field_is_neither_trained_on_nor_logged_by_default()
    {
        var use = DataUsePolicy.Resolve(null, Schema, [Found(FindingCodes.SensitiveField)], FieldRoles.Input);

        Assert.Equal(new FieldUse(false, false, false, true, use.Reason), use);
        Assert.Contains("masked in logs", use.Reason);
    }

    [Fact]
    public void Free_text_with_personal_data_inside_is_trained_on_used_and_logged_with_placeholders()
    {
        var use = DataUsePolicy.Resolve(null, Schema with { Type = FieldType.Text }, [Found(FindingCodes.PiiInText)], FieldRoles.Input);

        Assert.Equal(new FieldUse(true, true, true, false, use.Reason), use);
        Assert.Contains("<PHONE>", use.Reason);
    }

    [Theory]
    [InlineData(false, null, false, true)] // train: false
    [InlineData(null, false, true, false)] // log: false
    public void The_spec_overrides_what_pii_in_text_would_do(bool? train, bool? log, bool trained, bool logged)
    {
        var use = DataUsePolicy.Resolve(new FieldPolicy("field", Train: train, Log: log), Schema with { Type = FieldType.Text }, [Found(FindingCodes.PiiInText)], FieldRoles.Input);

        Assert.Equal((trained, logged, false), (use.Train, use.Log, use.Sensitive));
    }

    [Fact]
    public void The_spec_can_log_a_sensitive_field_without_training_on_it()
    {
        var use = DataUsePolicy.Resolve(new FieldPolicy("field", Log: true), Schema, [Found(FindingCodes.SensitiveField)], FieldRoles.Input);

        Assert.False(use.Train);
        Assert.True(use.Log);
        Assert.Contains("log: true", use.Reason);
    }

    [Fact]
    public void A_field_declared_sensitive_is_treated_as_found_sensitive()
    {
        var use = DataUsePolicy.Resolve(new FieldPolicy("field", Sensitive: true), Schema, [], FieldRoles.Input);

        Assert.True(use.Sensitive);
        Assert.False(use.Train);
        Assert.False(use.Log);
        Assert.Contains("declared sensitive", use.Reason);
    }

    [Fact]
    public void The_spec_can_keep_a_field_out_of_training_but_use_it_at_inference()
    {
        var use = DataUsePolicy.Resolve(new FieldPolicy("field", Train: false, Inference: true), Schema, [], FieldRoles.Input);

        Assert.False(use.Train);
        Assert.True(use.Inference);
        Assert.Contains("train: false", use.Reason);
    }

    [Fact]
    public void A_field_with_no_values_is_not_trained_on()
    {
        var empty = Schema with { Present = 0, Missing = 10 };

        Assert.False(DataUsePolicy.Resolve(null, empty, [], FieldRoles.Input).Train);
    }

    [Fact]
    public void Other_findings_do_not_change_the_policy()
    {
        var use = DataUsePolicy.Resolve(null, Schema, [Found(FindingCodes.MissingValues), Found(FindingCodes.Outliers)], FieldRoles.Input);

        Assert.True(use.Train);
        Assert.True(use.Log);
    }
}
