using Graft.Training.Rules;

namespace Graft.Tests.Training.Rules;

/// <summary>SQL's three-valued logic: null is "unknown".</summary>
public class RuleNullLogicTests
{
    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(true, null, null)]
    [InlineData(false, true, false)]
    [InlineData(false, false, false)]
    [InlineData(false, null, false)]
    [InlineData(null, true, null)]
    [InlineData(null, false, false)]
    [InlineData(null, null, null)]
    public void And_truth_table(bool? a, bool? b, bool? expected)
        => Assert.Equal(expected, TestRule.Evaluate("a and b", a, b));

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]
    [InlineData(true, null, true)]
    [InlineData(false, true, true)]
    [InlineData(false, false, false)]
    [InlineData(false, null, null)]
    [InlineData(null, true, true)]
    [InlineData(null, false, null)]
    [InlineData(null, null, null)]
    public void Or_truth_table(bool? a, bool? b, bool? expected)
        => Assert.Equal(expected, TestRule.Evaluate("a or b", a, b));

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(null, null)]
    public void Not_truth_table(bool? a, bool? expected)
        => Assert.Equal(expected, TestRule.Evaluate("not a", a));

    [Theory]
    [InlineData("a + 1")]
    [InlineData("1 - a")]
    [InlineData("a * 2")]
    [InlineData("a / 2")]
    [InlineData("a % 2")]
    [InlineData("-a")]
    [InlineData("a == 1")]
    [InlineData("a != 1")]
    [InlineData("a < 1")]
    [InlineData("a >= 1")]
    [InlineData("a == a")]
    [InlineData("a == null")]
    [InlineData("a != null")]
    public void Arithmetic_and_comparison_with_null_give_null(string rule)
        => Assert.Null(TestRule.Evaluate(rule, a: null));

    [Fact]
    public void Comparing_a_value_with_the_null_literal_is_unknown_not_false()
        => Assert.Null(TestRule.Evaluate("a == null", a: 1.0));

    [Theory]
    [InlineData("'yes' and true")]
    [InlineData("not 'yes'")]
    public void Strings_are_unknown_as_truth_values(string rule)
        => Assert.Null(TestRule.Evaluate(rule));

    [Fact]
    public void A_null_condition_counts_as_false_in_case_when()
        => Assert.Equal("else", TestRule.Evaluate("case when a > 1 then 'then' else 'else' end", a: null));

    [Fact]
    public void A_null_result_reads_as_false()
    {
        var result = TestRule.Evaluate("a > 1", a: null);
        Assert.Null(result);
        Assert.False(RuleValue.IsTrue(result));
    }

    [Fact]
    public void Short_circuit_still_honours_unknown_on_the_left()
    {
        Assert.Equal(false, TestRule.Evaluate("a > 1 and b", a: null, b: false));
        Assert.Equal(true, TestRule.Evaluate("a > 1 or b", a: null, b: true));
    }
}
