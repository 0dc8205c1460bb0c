namespace Graft.Tests.Training.Rules;

/// <summary>in, not in, between and is null.</summary>
public class RulePredicateTests
{
    [Theory]
    [InlineData("x", true)]
    [InlineData("y", true)]
    [InlineData("z", false)]
    [InlineData("X", false)]
    [InlineData(null, null)]
    public void In_matches_any_listed_value(string? a, bool? expected)
        => Assert.Equal(expected, TestRule.Evaluate("a in ('x', 'y')", a));

    [Theory]
    [InlineData("x", false)]
    [InlineData("z", true)]
    [InlineData(null, null)]
    public void Not_in_is_the_negation_of_in(string? a, bool? expected)
        => Assert.Equal(expected, TestRule.Evaluate("a not in ('x', 'y')", a));

    [Theory]
    [InlineData("a in ('x', null)", "x", true)]
    [InlineData("a in ('x', null)", "z", null)]
    [InlineData("a not in ('x', null)", "x", false)]
    [InlineData("a not in ('x', null)", "z", null)]
    public void A_null_in_the_list_makes_a_miss_unknown(string rule, string a, bool? expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule, a));

    [Theory]
    [InlineData("3", true)]
    [InlineData(" 2.0", true)]
    [InlineData("4", false)]
    [InlineData("three", false)]
    public void In_uses_the_same_equality_as_equals_so_numeric_strings_match_numbers(string a, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate("a in (1, 2, 3, 'x')", a));

    [Fact]
    public void In_list_items_may_be_expressions()
    {
        Assert.Equal(true, TestRule.Evaluate("a in (b, b + 1)", 5.0, 4.0));
        Assert.Equal(false, TestRule.Evaluate("a in (b, b + 1)", 6.0, 4.0));
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(1.0, true)]
    [InlineData(3.0, true)]
    [InlineData(5.0, true)]
    [InlineData(5.5, false)]
    [InlineData(null, null)]
    public void Between_is_inclusive_at_both_ends(double? a, bool? expected)
        => Assert.Equal(expected, TestRule.Evaluate("a between 1 and 5", a));

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(3.0, false)]
    [InlineData(null, null)]
    public void Not_between_is_the_negation_of_between(double? a, bool? expected)
        => Assert.Equal(expected, TestRule.Evaluate("a not between 1 and 5", a));

    [Theory]
    [InlineData(6.0, false)] // above the known upper bound: false whatever the lower bound is
    [InlineData(3.0, null)]
    public void Between_with_a_null_bound_is_unknown_unless_the_other_bound_rules_it_out(double a, bool? expected)
        => Assert.Equal(expected, TestRule.Evaluate("a between b and 5", a, b: null));

    [Fact]
    public void Between_with_reversed_bounds_matches_nothing()
        => Assert.Equal(false, TestRule.Evaluate("a between 5 and 1", 3.0));

    [Fact]
    public void Between_works_on_strings_and_numeric_strings()
    {
        Assert.Equal(true, TestRule.Evaluate("a between 'b' and 'd'", "c"));
        Assert.Equal(true, TestRule.Evaluate("a between 18 and 65", " 42"));
    }

    [Fact]
    public void Between_bounds_may_be_arithmetic()
        => Assert.Equal(true, TestRule.Evaluate("a between b - 1 and b + 1", 4.5, 4.0));

    [Theory]
    [InlineData("a is null", null, true)]
    [InlineData("a is null", 0.0, false)]
    [InlineData("a is null", "", false)]
    [InlineData("a is not null", null, false)]
    [InlineData("a is not null", "x", true)]
    [InlineData("a / 0 is null", 1.0, true)]
    public void Is_null_is_never_unknown(string rule, object? a, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule, a));
}
