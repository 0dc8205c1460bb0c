using Graft.Training.Rules;

namespace Graft.Tests.Training.Rules;

/// <summary>How callers read a rule's result as a class, a label or a number.</summary>
public class RuleValueTests
{
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    [InlineData(1.0, true)]
    [InlineData(-0.5, true)]
    [InlineData(0.0, false)]
    [InlineData(2, true)]
    [InlineData("true", false)]
    [InlineData("Yes", false)]
    [InlineData("1", false)]
    [InlineData(double.NaN, false)]
    public void IsTrue_accepts_true_and_non_zero_numbers_only(object? value, bool expected)
        => Assert.Equal(expected, RuleValue.IsTrue(value));

    [Theory]
    [InlineData(3.0, 3.0)]
    [InlineData(" 29.85", 29.85)]
    [InlineData("1e3", 1000.0)]
    [InlineData(5, 5.0)]
    [InlineData("abc", null)]
    [InlineData("", null)]
    [InlineData("Infinity", null)]
    [InlineData(true, null)]
    [InlineData(null, null)]
    [InlineData(double.NaN, null)]
    public void AsNumber_reads_numbers_and_numeric_strings(object? value, double? expected)
        => Assert.Equal(expected, RuleValue.AsNumber(value));

    [Theory]
    [InlineData("Month-to-month", "Month-to-month")]
    [InlineData(3.0, "3")]
    [InlineData(2.5, "2.5")]
    [InlineData(-0.125, "-0.125")]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    [InlineData(null, null)]
    public void AsText_writes_numbers_in_invariant_culture(object? value, string? expected)
        => Assert.Equal(expected, RuleValue.AsText(value));

    [Fact]
    public void A_numeric_rule_result_reads_as_a_label_without_a_trailing_fraction()
        => Assert.Equal("2", RuleValue.AsText(TestRule.Evaluate("case when a > 1 then 2 else 1 end", 5.0)));
}
