using Graft.UseCases;

namespace Graft.Tests.UseCases;

public class SpecReaderTests
{
    private const string Valid = """
        id: churn-risk
        title: Churn risk
        task: binary
        target:
          column: Churn
          positive: "Yes"
        entity: customerID
        exclude: [TotalCharges]
        rule: "tenure < 12 and Contract == 'Month-to-month'"
        metric: roc_auc
        gates:
          baseline_margin: 0.02
        fields:
          email: { sensitive: true, log: false }
        """;

    private static SpecException Fail(string yaml) => Assert.Throws<SpecException>(() => SpecReader.Parse(yaml, "spec.yaml"));

    [Fact]
    public void A_valid_spec_reads_every_key()
    {
        var spec = SpecReader.Parse(Valid);
        Assert.Equal("churn-risk", spec.Id);
        Assert.Equal(TaskKind.Binary, spec.Task);
        Assert.Equal("Churn", spec.TargetColumn);
        Assert.Equal("Yes", spec.TargetPositive);
        Assert.Equal(["TotalCharges"], spec.Exclude);
        Assert.Equal(0.02, spec.BaselineMargin);
        Assert.True(spec.Policy("email")!.Sensitive);
        Assert.False(spec.Policy("email")!.Log);
        Assert.Equal("auto", spec.Split.Kind);
    }

    [Fact]
    public void An_unknown_key_is_named_with_its_line_and_a_suggestion()
    {
        var error = Fail(Valid + "\nmetirc: accuracy\n").Errors.Single();
        Assert.Equal("metirc", error.Key);
        Assert.Equal(15, error.Line);
        Assert.Contains("did you mean 'metric'", error.Message);
    }

    [Fact]
    public void A_wrong_type_names_the_dotted_key()
    {
        var errors = Fail(Valid.Replace("baseline_margin: 0.02", "baseline_margin: lots")).Errors;
        Assert.Equal("gates.baseline_margin", errors.Single().Key);
        Assert.Contains("expected a number", errors.Single().Message);
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var errors = Fail("id: Bad Id\ntitle: x\ntask: ranking\ntarget: { column: y }\n").Errors;
        Assert.Contains(errors, e => e.Key == "id");
        Assert.Contains(errors, e => e.Key == "task" && e.Message.Contains("binary, multiclass, regression"));
    }

    [Theory]
    [InlineData("title: x\ntask: binary\ntarget: {column: y}", "id")]
    [InlineData("id: ab\ntitle: x\ntask: binary", "target")]
    [InlineData("id: ab\ntitle: x\ntask: regression\ntarget: {column: y, positive: 'a'}", "target.positive")]
    [InlineData("id: ab\ntitle: x\ntask: regression\ntarget: {column: y}\nmetric: roc_auc", "metric")]
    [InlineData("id: ab\ntitle: x\ntask: binary\ntarget: {column: y}\nsplit: {test_fraction: 2}", "split.test_fraction")]
    [InlineData("id: ab\ntitle: x\ntask: binary\ntarget: {column: y}\nexclude: {a: 1}", "exclude")]
    [InlineData("id: ab\ntitle: x\ntask: binary\ntarget: {column: y}\ntimestamp: {year: y}", "timestamp")]
    [InlineData("id: ab\ntitle: x\ntask: binary\ntarget: {column: y}\ntrainers: [forest]", "trainers")]
    public void Missing_and_misplaced_keys_are_errors(string yaml, string key)
    {
        Assert.Contains(Fail(yaml).Errors, e => e.Key == key);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        var error = Fail("id: ab\ntitle: x\n  task: binary\n").Errors.Single();
        Assert.Equal("yaml", error.Key);
        Assert.True(error.Line >= 2, error.ToString());
    }

    [Fact]
    public void An_unclosed_flow_collection_is_a_spec_error_not_a_crash()
    {
        Assert.Equal("yaml", Fail("id: ab\ntitle: [unclosed\ntask: binary\n").Errors.Single().Key);
    }

    [Fact]
    public void The_metric_defaults_by_task()
    {
        Assert.Equal("macro_f1", SpecReader.Parse("id: ab\ntitle: x\ntask: multiclass\ntarget: {column: y}").Metric);
        Assert.Equal("rmse", SpecReader.Parse("id: ab\ntitle: x\ntask: regression\ntarget: {column: y}").Metric);
    }

    [Fact]
    public void A_timestamp_can_be_assembled_from_year_month_and_day()
    {
        var spec = SpecReader.Parse("id: ab\ntitle: x\ntask: binary\ntarget: {column: y}\ntimestamp: {year: Y, month: M, day: D}\nsplit: {kind: time, test_from: 2017-01-01}");
        Assert.Equal(["Y", "M", "D"], spec.Timestamp!.Fields);
        Assert.Equal(new DateTime(2017, 1, 1), spec.Split.TestFrom);
    }

    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Multiclass)]
    [InlineData(TaskKind.Regression)]
    public void The_init_template_is_a_valid_spec(TaskKind task)
    {
        var spec = SpecReader.Parse(SpecTemplate.Render("my-case", task));
        Assert.Equal("my-case", spec.Id);
        Assert.Equal(task, spec.Task);
    }

    /// <summary>The template's commented model tests and value, uncommented, are a valid spec too: a user's first edit works.</summary>
    [Fact]
    public void The_init_templates_model_tests_uncommented_are_valid()
    {
        var lines = SpecTemplate.Render("my-case", TaskKind.Binary).Split('\n');
        var uncommented = lines.Select(l => l.StartsWith("# model_tests:", StringComparison.Ordinal) || l.StartsWith("#   slices", StringComparison.Ordinal)
            || l.StartsWith("#   fairness", StringComparison.Ordinal) || l.StartsWith("#   expectations", StringComparison.Ordinal)
            || l.StartsWith("#     - {", StringComparison.Ordinal) || l.StartsWith("# value:", StringComparison.Ordinal) ? l[2..] : l);
        var spec = SpecReader.Parse(string.Join('\n', uncommented));
        Assert.Equal(["plan", "region"], spec.ModelTests.Slices);
        Assert.Single(spec.ModelTests.Expectations);
        Assert.Single(spec.ModelTests.Fairness);
        Assert.Equal(100, spec.Value!.TruePositive);
    }

    [Fact]
    public void Missing_inputs_fall_back_to_the_rule_by_default_and_are_refused_without_one()
    {
        Assert.Equal(MissingInputPolicy.Fallback, SpecReader.Parse(Valid).OnMissingInputs);
        Assert.Equal(MissingInputPolicy.Reject, SpecReader.Parse(Valid + "\non_missing_inputs: reject\n").OnMissingInputs);
        Assert.Equal(MissingInputPolicy.Reject, SpecReader.Parse(Valid.Replace("rule: \"tenure < 12 and Contract == 'Month-to-month'\"\n", "")).OnMissingInputs);
        Assert.Equal(MissingInputPolicy.Reject, SpecReader.Parse(Valid + "\nfallback: none\n").OnMissingInputs);
    }

    [Fact]
    public void Falling_back_on_missing_inputs_without_a_rule_is_an_error_naming_the_key()
    {
        var error = Fail(Valid.Replace("rule: \"tenure < 12 and Contract == 'Month-to-month'\"\n", "") + "\non_missing_inputs: fallback\n").Errors.Single();
        Assert.Equal("on_missing_inputs", error.Key);
        Assert.Contains("needs a rule", error.Message);
        Assert.Equal("on_missing_inputs", Fail(Valid + "\non_missing_inputs: maybe\n").Errors.Single().Key);
    }

    [Fact]
    public void A_field_is_required_or_optional_only_when_the_spec_says_so()
    {
        var spec = SpecReader.Parse(Valid + "\n  tenure: { required: false, range_tolerance: 0.5 }\n  plan: { required: true }\n");
        Assert.Null(spec.Policy("email")!.Required); // training decides
        Assert.False(spec.Policy("tenure")!.Required);
        Assert.Equal(0.5, spec.Policy("tenure")!.RangeTolerance);
        Assert.True(spec.Policy("plan")!.Required);
        Assert.Equal(UseCaseSpec.DefaultRangeTolerance, spec.RangeTolerance);
        Assert.Equal("range_tolerance", Fail(Valid + "\nrange_tolerance: -1\n").Errors.Single().Key);
    }

    [Fact]
    public void The_entity_is_a_field_name_or_a_mapping_that_pseudonymises_it()
    {
        Assert.False(SpecReader.Parse(Valid).PseudonymiseEntity);
        var spec = SpecReader.Parse(Valid.Replace("entity: customerID", "entity: { field: customerID, pseudonymise: true }"));
        Assert.Equal("customerID", spec.Entity);
        Assert.True(spec.PseudonymiseEntity);
        Assert.Equal("entity.field", Fail(Valid.Replace("entity: customerID", "entity: { pseudonymise: true }")).Errors.Single().Key);
        Assert.Contains("did you mean 'pseudonymise'", Fail(Valid.Replace("entity: customerID", "entity: { field: customerID, pseudonymize: true }")).Errors.Single().Message);
    }
}
