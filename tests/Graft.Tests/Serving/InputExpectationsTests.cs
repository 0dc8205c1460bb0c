using Graft.Data;
using Graft.Registry;
using Graft.Serving;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Tests.Serving;

/// <summary>How a row is checked against what its model saw in training, on a hand-made card.</summary>
public class InputExpectationsTests
{
    private static readonly ModelCard Card = new("t-v1", "t", TaskKind.Binary, "linear", "LbfgsLogisticRegression",
    [
        new ModelInput("age", FieldType.Number, InputKind.Numeric) { Domain = new InputDomain(true, 0, 18, 68) },
        new ModelInput("plan", FieldType.Category, InputKind.Categorical) { Domain = new InputDomain(true, 0, Categories: ["Basic", "Private", "Call me on <PHONE>"]) },
        new ModelInput("note", FieldType.Text, InputKind.Text) { Domain = new InputDomain(false, 0.4) },
        new ModelInput("member", FieldType.Boolean, InputKind.Numeric) { Domain = new InputDomain(false, 0.1, 0, 1) },
    ], ["no", "yes"], "yes", 0.5, []);

    private static UseCaseSpec Spec(string extra = "") => SpecReader.Parse($"id: tt\ntitle: T\ntask: binary\ntarget: {{ column: y }}\n{extra}");

    private static (List<string>? Missing, IReadOnlyList<InputWarning> Warnings) Check(UseCaseSpec spec, Dictionary<string, InputValue> row)
    {
        List<string>? missing = null;
        var warnings = InputExpectations.For(spec, Card).Check(row, ref missing);
        return (missing, warnings);
    }

    private static Dictionary<string, InputValue> Row(double age = 30, string plan = "Basic", string? note = "hi", double member = 1) => new()
    {
        ["age"] = InputValue.Of(age), ["plan"] = InputValue.Of(plan), ["note"] = InputValue.Of(note), ["member"] = InputValue.Of(member),
    };

    [Fact]
    public void A_row_inside_what_training_saw_has_no_warnings_and_shares_the_empty_list()
    {
        var (missing, warnings) = Check(Spec(), Row());
        Assert.Null(missing);
        Assert.Empty(warnings);
        Assert.Same(warnings, Check(Spec(), Row(age: 40)).Warnings); // no allocation on the common path
    }

    [Theory]
    [InlineData(13, false)] // 18 - 0.1 × 50 = 13: at the edge, inside
    [InlineData(12.9, true)]
    [InlineData(73, false)] // 68 + 5
    [InlineData(73.1, true)]
    public void The_range_is_widened_by_the_tolerance_share_of_its_width(double age, bool warns) =>
        Assert.Equal(warns, Check(Spec(), Row(age: age)).Warnings.Any(w => w is { Field: "age", Code: WarningCodes.OutOfRange }));

    [Fact]
    public void The_spec_tolerance_applies_to_every_field_and_a_fields_own_overrides_it()
    {
        Assert.Empty(Check(Spec("range_tolerance: 1\n"), Row(age: 100)).Warnings); // 68 + 50 = 118
        Assert.NotEmpty(Check(Spec("range_tolerance: 1\nfields:\n  age: { range_tolerance: 0 }\n"), Row(age: 68.5)).Warnings);
    }

    [Fact]
    public void A_boolean_is_never_out_of_range() => Assert.Empty(Check(Spec(), Row(member: 7)).Warnings);

    [Fact]
    public void A_category_in_another_case_is_unseen_and_the_message_names_the_one_meant()
    {
        var warning = Assert.Single(Check(Spec(), Row(plan: "privat")).Warnings);
        Assert.Equal(WarningCodes.UnseenCategory, warning.Code);
        Assert.Contains("did you mean 'Private'?", warning.Message);
        Assert.DoesNotContain("privat", warning.Message); // messages never repeat an input value: the log and reviewers read them
    }

    [Fact]
    public void A_remembered_warning_is_given_only_to_its_own_value_and_values_past_the_bound_are_still_warned()
    {
        var expectations = InputExpectations.For(Spec(), Card);
        List<string>? missing = null;
        string MessageFor(string plan) => Assert.Single(expectations.Check(Row(plan: plan), ref missing)).Message;

        var first = MessageFor("privat");
        Assert.Same(first, MessageFor("privat")); // worked out once
        Assert.Contains("did you mean 'Basic'?", MessageFor("basik"));
        for (var i = 0; i < 1500; i++)
        {
            Assert.Contains("values the model saw", MessageFor($"plan {i}"));
        }
        Assert.Contains("did you mean 'Private'?", MessageFor("Privte")); // past the bound: worked out, not remembered
        Assert.Equal(first, MessageFor("privat"));
    }

    [Fact]
    public void A_category_is_compared_as_the_model_reads_it_with_its_personal_data_replaced() =>
        Assert.Empty(Check(Spec(), Row(plan: "Call me on +44 20 7946 0958")).Warnings);

    [Fact]
    public void Missing_required_and_optional_inputs_are_told_apart()
    {
        var (missing, warnings) = Check(Spec(), new Dictionary<string, InputValue> { ["plan"] = InputValue.Of("NA"), ["note"] = InputValue.Of("") });
        Assert.Equal(["age", "plan"], missing);
        Assert.Equal([("age", WarningCodes.MissingRequired), ("plan", WarningCodes.MissingRequired), ("note", WarningCodes.MissingOptional), ("member", WarningCodes.MissingOptional)],
            warnings.Select(w => (w.Field, w.Code)));
        Assert.Contains("40.0 %", warnings[2].Message);
    }

    [Fact]
    public void The_spec_overrides_what_training_measured_and_adds_required_fields_the_model_does_not_read()
    {
        var spec = Spec("fields:\n  age: { required: false }\n  note: { required: true }\n  region: { required: true }\n");
        var (missing, _) = Check(spec, new Dictionary<string, InputValue> { ["plan"] = InputValue.Of("Basic") });
        Assert.Equal(["note", "region"], missing);
        Assert.Equal(["plan", "note", "region"], InputExpectations.For(spec, Card).Required);
    }

    [Fact]
    public void Without_a_model_only_the_spec_says_what_is_required()
    {
        List<string>? missing = null;
        var warnings = InputExpectations.For(Spec("fields:\n  region: { required: true }\n"), null).Check(new Dictionary<string, InputValue>(), ref missing);
        Assert.Equal(["region"], missing);
        Assert.Equal(WarningCodes.MissingRequired, Assert.Single(warnings).Code);
    }
}
