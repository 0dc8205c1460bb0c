namespace Graft.Tests.Training.Rules;

public class RuleOperatorTests
{
    [Theory]
    [InlineData("a + b", 7.0, 2.0, 9.0)]
    [InlineData("a - b", 7.0, 2.0, 5.0)]
    [InlineData("a * b", 7.0, 2.0, 14.0)]
    [InlineData("a / b", 7.0, 2.0, 3.5)]
    [InlineData("a % b", 7.0, 2.0, 1.0)]
    [InlineData("a % b", -7.0, 2.0, -1.0)]
    [InlineData("a % b", 7.5, 2.0, 1.5)]
    [InlineData("-a", 7.0, 0.0, -7.0)]
    [InlineData("-a", 0.0, 0.0, 0.0)]
    [InlineData("a - -b", 1.0, 2.0, 3.0)]
    public void Arithmetic_operators_compute_on_numbers(string rule, double a, double b, double expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule, a, b));

    [Theory]
    [InlineData("1 / 0")]
    [InlineData("0 / 0")]
    [InlineData("1 % 0")]
    [InlineData("1e308 * 10")]
    [InlineData("-1e308 - 1e308")]
    public void Division_by_zero_and_overflow_give_null(string rule)
        => Assert.Null(TestRule.Evaluate(rule));

    [Theory]
    [InlineData("3 == 3", true)]
    [InlineData("3 = 3", true)]
    [InlineData("3 == 4", false)]
    [InlineData("3 != 3", false)]
    [InlineData("3 <> 4", true)]
    [InlineData("2 < 3", true)]
    [InlineData("3 < 3", false)]
    [InlineData("3 <= 3", true)]
    [InlineData("4 <= 3", false)]
    [InlineData("4 > 3", true)]
    [InlineData("3 > 3", false)]
    [InlineData("3 >= 3", true)]
    [InlineData("2 >= 3", false)]
    [InlineData("1 == 1.0", true)]
    [InlineData("0.1 + 0.2 > 0.3", true)]
    [InlineData("-0 == 0", true)]
    public void Comparisons_of_numbers(string rule, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Theory]
    [InlineData("'a' < 'b'", true)]
    [InlineData("'B' < 'a'", true)]
    [InlineData("'a' == 'A'", false)]
    [InlineData("'abc' > 'ab'", true)]
    [InlineData("'abc' == 'abc'", true)]
    [InlineData("'abc' != 'abd'", true)]
    [InlineData("'10' < '9'", true)]
    [InlineData("'é' > 'z'", true)]
    public void Strings_compare_ordinally_and_case_sensitively(string rule, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Theory]
    [InlineData("true == true", true)]
    [InlineData("true != false", true)]
    [InlineData("true > false", true)]
    [InlineData("false >= true", false)]
    public void Booleans_compare_with_false_before_true(string rule, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Theory]
    [InlineData("true and true", true)]
    [InlineData("true and false", false)]
    [InlineData("true && true", true)]
    [InlineData("false or true", true)]
    [InlineData("false or false", false)]
    [InlineData("false || false", false)]
    [InlineData("not true", false)]
    [InlineData("not false", true)]
    [InlineData("!false", true)]
    [InlineData("!!true", true)]
    public void Boolean_operators_and_their_symbol_spellings(string rule, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Theory]
    [InlineData("not 0", true)]
    [InlineData("not 2", false)]
    [InlineData("1 and 2", true)]
    [InlineData("0 or 0", false)]
    public void Numbers_are_truth_values_where_zero_is_false(string rule, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Fact]
    public void Fields_feed_operators()
    {
        Assert.Equal(true, TestRule.Evaluate("a * 2 == b", 3.0, 6.0));
        Assert.Equal(false, TestRule.Evaluate("a * 2 == b", 3.0, 7.0));
    }
}
