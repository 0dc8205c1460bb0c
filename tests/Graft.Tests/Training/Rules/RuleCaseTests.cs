namespace Graft.Tests.Training.Rules;

public class RuleCaseTests
{
    private const string Risk = "case when tenure < 6 then 'high' when tenure < 24 then 'medium' else 'low' end";

    [Theory]
    [InlineData(0.0, "high")]
    [InlineData(5.0, "high")]
    [InlineData(6.0, "medium")]
    [InlineData(23.0, "medium")]
    [InlineData(24.0, "low")]
    [InlineData(72.0, "low")]
    [InlineData(null, "low")] // both conditions are unknown, which counts as false
    public void Case_picks_the_first_branch_whose_condition_holds(double? tenure, string expected)
        => Assert.Equal(expected, TestRule.EvaluateRow(Risk, ("tenure", tenure)));

    [Theory]
    [InlineData(4.0, 6.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(3.0, 0.0)]
    [InlineData("10", 15.0)]
    [InlineData(null, 0.0)]
    public void Case_can_compute_numbers(object? x, double expected)
        => Assert.Equal(expected, TestRule.EvaluateRow("case when x > 3 then x * 1.5 else 0 end", ("x", x)));

    [Fact]
    public void Case_without_else_gives_null_when_nothing_matches()
    {
        Assert.Null(TestRule.Evaluate("case when a > 1 then 'big' end", 0.0));
        Assert.Equal("big", TestRule.Evaluate("case when a > 1 then 'big' end", 2.0));
    }

    [Fact]
    public void An_earlier_matching_branch_wins_over_a_later_one()
        => Assert.Equal("one", TestRule.Evaluate("case when a > 1 then 'one' when a > 2 then 'two' end", 5.0));

    [Fact]
    public void Case_conditions_read_numbers_as_truth_values()
        => Assert.Equal("yes", TestRule.Evaluate("case when a then 'yes' else 'no' end", 1.0));

    [Fact]
    public void Case_conditions_do_not_read_strings_as_truth_values()
        => Assert.Equal("no", TestRule.Evaluate("case when a then 'yes' else 'no' end", "true"));

    [Fact]
    public void Case_nests_and_can_sit_inside_a_condition()
    {
        const string rule = "case when a > 0 then case when b > 0 then 'both' else 'a only' end else 'none' end";
        Assert.Equal("both", TestRule.Evaluate(rule, 1.0, 1.0));
        Assert.Equal("a only", TestRule.Evaluate(rule, 1.0, -1.0));
        Assert.Equal("none", TestRule.Evaluate(rule, -1.0, 1.0));
        Assert.Equal(true, TestRule.Evaluate("(case when a then b else c end) and true", false, false, true));
    }

    [Fact]
    public void Branches_may_return_values_of_different_kinds()
    {
        const string rule = "case when a == 1 then 'one' when a == 2 then 2 when a == 3 then true end";
        Assert.Equal("one", TestRule.Evaluate(rule, 1.0));
        Assert.Equal(2.0, TestRule.Evaluate(rule, 2.0));
        Assert.Equal(true, TestRule.Evaluate(rule, 3.0));
        Assert.Null(TestRule.Evaluate(rule, 4.0));
    }
}
