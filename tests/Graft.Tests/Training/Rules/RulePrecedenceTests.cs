namespace Graft.Tests.Training.Rules;

public class RulePrecedenceTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "(1 + (2 * 3))")]
    [InlineData("(1 + 2) * 3", "((1 + 2) * 3)")]
    [InlineData("a - b - c", "((a - b) - c)")]
    [InlineData("a / b * c", "((a / b) * c)")]
    [InlineData("a + b % c", "(a + (b % c))")]
    [InlineData("-a * b", "((-a) * b)")]
    [InlineData("- -a", "(-(-a))")]
    [InlineData("-2 * 3", "(-2 * 3)")]
    [InlineData("a + b * 2 > 10", "((a + (b * 2)) > 10)")]
    [InlineData("a * 2 == b + 1", "((a * 2) == (b + 1))")]
    [InlineData("not a and b", "((not a) and b)")]
    [InlineData("a or b and c", "(a or (b and c))")]
    [InlineData("a and b or c", "((a and b) or c)")]
    [InlineData("a or b or c", "((a or b) or c)")]
    [InlineData("not a == b", "(not (a == b))")]
    [InlineData("not not a", "(not (not a))")]
    [InlineData("! a && b || c", "(((not a) and b) or c)")]
    [InlineData("a = b or a <> c", "((a == b) or (a != c))")]
    [InlineData("a >= 3 or not (b in ('x', 'y'))", "((a >= 3) or (not (b in ('x', 'y'))))")]
    [InlineData("x between 1 and 5 and y", "((x between 1 and 5) and y)")]
    [InlineData("x not between 1 + 1 and 5", "(x not between (1 + 1) and 5)")]
    [InlineData("x in (1, 'a', null) or y", "((x in (1, 'a', null)) or y)")]
    [InlineData("x not in ('a')", "(x not in ('a'))")]
    [InlineData("x is not null or y is null", "((x is not null) or (y is null))")]
    [InlineData("not x is null", "(not (x is null))")]
    [InlineData("case when a then 1 else 2 end + 1", "((case when a then 1 else 2 end) + 1)")]
    [InlineData("case when a or b then 1 end", "(case when (a or b) then 1 end)")]
    [InlineData("lower(a) == 'x' and length(b) > 2 * c", "((lower(a) == 'x') and (length(b) > (2 * c)))")]
    public void Operators_group_by_precedence(string rule, string grouping)
        => Assert.Equal(grouping, TestRule.Grouping(rule));

    [Theory]
    [InlineData("1 + 2 * 3", 7.0)]
    [InlineData("(1 + 2) * 3", 9.0)]
    [InlineData("10 - 4 - 3", 3.0)]
    [InlineData("12 / 2 / 3", 2.0)]
    [InlineData("2 * 3 % 4", 2.0)]
    [InlineData("-2 * -3", 6.0)]
    [InlineData("-(2 + 3)", -5.0)]
    public void Arithmetic_evaluates_with_usual_precedence(string rule, double expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Theory]
    [InlineData(false, false, false)] // not (a and b) would be true
    [InlineData(true, false, false)] // not (a and b) would be true
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    public void Not_binds_tighter_than_and(bool a, bool b, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate("not a and b", a, b));

    [Fact]
    public void Or_binds_looser_than_and()
    {
        // (true or false) and false would be false; true or (false and false) is true.
        Assert.Equal(true, TestRule.Evaluate("a or b and c", true, false, false));
    }

    [Fact]
    public void Spec_example_a_plus_b_times_two_compares_after_arithmetic()
    {
        Assert.Equal(true, TestRule.Evaluate("a + b * 2 > 10", 1.0, 5.0));
        Assert.Equal(false, TestRule.Evaluate("a + b * 2 > 10", 4.0, 3.0));
    }
}
