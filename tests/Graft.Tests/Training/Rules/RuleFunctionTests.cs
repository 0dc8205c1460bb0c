namespace Graft.Tests.Training.Rules;

public class RuleFunctionTests
{
    [Theory]
    [InlineData("lower('AbC')", "abc")]
    [InlineData("upper('AbC')", "ABC")]
    [InlineData("lower(12)", "12")]
    [InlineData("upper(true)", "TRUE")]
    [InlineData("LOWER('X')", "x")]
    [InlineData("coalesce(null, 'a', 3)", "a")]
    public void Text_results(string rule, string expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Theory]
    [InlineData("length('héllo')", 5.0)]
    [InlineData("length('')", 0.0)]
    [InlineData("length(123.5)", 5.0)]
    [InlineData("abs(-3)", 3.0)]
    [InlineData("abs(3)", 3.0)]
    [InlineData("abs(' -2.5')", 2.5)]
    [InlineData("min(3, 5)", 3.0)]
    [InlineData("max(3, 5)", 5.0)]
    [InlineData("min(3, '1')", 1.0)]
    [InlineData("max(1, 7, 3)", 7.0)]
    [InlineData("min(4, 2, 3)", 2.0)]
    [InlineData("coalesce(null, 2)", 2.0)]
    [InlineData("coalesce(1)", 1.0)]
    [InlineData("coalesce(1, null)", 1.0)]
    public void Number_results(string rule, double expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Theory]
    [InlineData("contains('Month-to-month', 'to')", true)]
    [InlineData("contains('abc', 'B')", false)]
    [InlineData("contains('abc', '')", true)]
    [InlineData("starts_with('Fiber optic', 'Fiber')", true)]
    [InlineData("starts_with('Fiber optic', 'optic')", false)]
    [InlineData("ends_with('abc', 'bc')", true)]
    [InlineData("ends_with('abc', 'ab')", false)]
    [InlineData("starts_with(94110, '94')", true)]
    public void Text_tests_are_ordinal_and_case_sensitive(string rule, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Theory]
    [InlineData("lower(null)")]
    [InlineData("length(null)")]
    [InlineData("contains(null, 'a')")]
    [InlineData("contains('a', null)")]
    [InlineData("abs('x')")]
    [InlineData("abs(true)")]
    [InlineData("min(3, null)")]
    [InlineData("max('a', 1)")]
    [InlineData("coalesce(null, null)")]
    public void Null_or_wrong_kind_of_argument_gives_null(string rule)
        => Assert.Null(TestRule.Evaluate(rule));

    [Fact]
    public void Functions_compose_over_fields()
    {
        const string rule = "contains(lower(service), 'fiber') and length(coalesce(name, '')) > 2";
        Assert.Equal(true, TestRule.EvaluateRow(rule, ("service", "Fiber optic"), ("name", "Ann")));
        Assert.Equal(false, TestRule.EvaluateRow(rule, ("service", "Fiber optic"), ("name", null)));
        Assert.Equal(false, TestRule.EvaluateRow(rule, ("service", "DSL"), ("name", "Ann")));
    }
}
