using Graft.Training.Rules;

namespace Graft.Tests.Training.Rules;

public class RuleBindingTests
{
    private static readonly string[] TelcoFields = ["customerID", "tenure", "Contract", "Monthly Charges", "TotalCharges"];

    [Fact]
    public void Bind_accepts_a_rule_whose_fields_all_exist()
        => RuleExpression.Parse("tenure < 12 and Contract == 'Month-to-month' and `Monthly Charges` > 70").Bind(TelcoFields);

    [Theory]
    [InlineData("Tenure < 12", 0, "rule: unknown field 'Tenure' at column 1: did you mean tenure?")]
    [InlineData("tenur < 12", 0, "rule: unknown field 'tenur' at column 1: did you mean tenure?")]
    [InlineData("tenure > 1 and contract == 'x'", 15, "rule: unknown field 'contract' at column 16: did you mean Contract?")]
    [InlineData("MonthlyCharges > 70", 0,
        "rule: unknown field 'MonthlyCharges' at column 1: did you mean `Monthly Charges`?")]
    [InlineData("[Total Charges] > 70", 0,
        "rule: unknown field 'Total Charges' at column 1: did you mean TotalCharges?")]
    [InlineData("churn == 1", 0,
        "rule: unknown field 'churn' at column 1: the data has no field with that name (names are case-sensitive)")]
    public void Bind_names_the_missing_field_and_suggests_a_close_one(string rule, int position, string message)
    {
        var error = Assert.Throws<RuleSyntaxException>(() => RuleExpression.Parse(rule).Bind(TelcoFields));
        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void A_case_insensitive_match_is_preferred_over_a_nearer_spelling()
    {
        var error = Assert.Throws<RuleSyntaxException>(() => RuleExpression.Parse("contract == 1").Bind(["contact", "Contract"]));
        Assert.EndsWith("did you mean Contract?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_letter_field_is_not_matched_to_any_other_one_letter_field()
    {
        var error = Assert.Throws<RuleSyntaxException>(() => RuleExpression.Parse("x > 1").Bind(["y"]));
        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_reports_the_first_use_of_the_first_missing_field()
    {
        var error = Assert.Throws<RuleSyntaxException>(
            () => RuleExpression.Parse("tenure > 1 and missing == 2 or missing is null").Bind(TelcoFields));
        Assert.Equal(15, error.Position);
    }

    [Fact]
    public void Compile_rejects_an_unknown_field_like_bind()
    {
        var error = Assert.Throws<RuleSyntaxException>(() => RuleExpression.Parse("Tenure < 12").Compile(TelcoFields));
        Assert.Equal("rule: unknown field 'Tenure' at column 1: did you mean tenure?", error.Message);
    }

    [Fact]
    public void A_compiled_rule_reads_values_by_the_given_field_order()
    {
        var rule = RuleExpression.Parse("tenure < 12 and Contract == 'Month-to-month'").Compile(TelcoFields);
        Assert.Equal(TelcoFields.Length, rule.Width);
        Assert.Equal(true, rule.Evaluate(new object?[] { "7590-VHVEG", 1.0, "Month-to-month", 29.85, " 29.85" }));
        Assert.Equal(false, rule.Evaluate(new object?[] { "5575-GNVDE", 34.0, "Month-to-month", 56.95, "1889.5" }));
        Assert.Equal(false, rule.Evaluate(new object?[] { "3668-QPYBK", 2.0, "One year", 53.85, "108.15" }));
        Assert.Null(rule.Evaluate(new object?[] { "x", null, "Month-to-month", null, null }));
    }

    [Fact]
    public void A_repeated_name_in_the_field_order_reads_its_first_position()
    {
        var rule = RuleExpression.Parse("a").Compile(["a", "a"]);
        Assert.Equal("first", rule.Evaluate(new object?[] { "first", "second" }));
    }

    [Fact]
    public void A_row_shorter_than_the_field_order_is_a_caller_bug()
    {
        var rule = RuleExpression.Parse("a > 1").Compile(["a", "b"]);
        Assert.Throws<ArgumentException>(() => rule.Evaluate(new object?[] { 2.0 }));
    }

    [Fact]
    public void Evaluate_by_name_asks_for_each_referenced_field_once()
    {
        var asked = new List<string>();
        var rule = RuleExpression.Parse("a > 1 and b > 1 or a + b > 5");
        var result = rule.Evaluate(name =>
        {
            asked.Add(name);
            return name == "a" ? 2.0 : 4.0;
        });
        Assert.Equal(true, result);
        Assert.Equal(["a", "b"], asked);
    }

    [Fact]
    public void A_compiled_rule_can_be_shared_between_threads()
    {
        var rule = RuleExpression.Parse("case when x % 2 == 0 then 'even' else 'odd' end").Compile(["x"]);
        var results = new string?[10_000];
        Parallel.For(0, results.Length, i => results[i] = (string?)rule.Evaluate(new object?[] { (double)i }));
        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(i % 2 == 0 ? "even" : "odd", results[i]));
    }
}
