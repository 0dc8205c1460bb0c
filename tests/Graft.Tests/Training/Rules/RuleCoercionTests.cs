namespace Graft.Tests.Training.Rules;

/// <summary>How values of different kinds meet: CSV data often holds numbers as text.</summary>
public class RuleCoercionTests
{
    [Theory]
    [InlineData("a > 20", " 29.85", true)]
    [InlineData("a < 20", " 29.85", false)]
    [InlineData("a == 29.85", " 29.85", true)]
    [InlineData("a != 29.85", " 29.85 ", false)]
    [InlineData("a == 1000", "1e3", true)]
    [InlineData("a == 2", "2.0", true)]
    [InlineData("a >= -3", "-3", true)]
    [InlineData("20 < a", "100", true)]
    [InlineData("a < 100", "100.5", false)]
    public void A_numeric_string_compares_with_a_number_numerically(string rule, string a, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule, a));

    [Theory]
    [InlineData("a == 1", "abc", false)]
    [InlineData("a != 1", "abc", true)]
    [InlineData("a == 1.5", "1,5", false)]
    [InlineData("a == 0", "", false)]
    [InlineData("a == 0", " ", false)]
    [InlineData("a == 0", "NaN", false)]
    public void A_non_numeric_string_never_equals_a_number(string rule, string a, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule, a));

    [Theory]
    [InlineData("a < 1", "abc", false)] // "1" < "abc" ordinally
    [InlineData("a > 1", "abc", true)]
    [InlineData("a > 20", " ", false)] // " " sorts before "20"
    [InlineData("a < 5", "10 apples", true)] // "10 apples" < "5" ordinally
    [InlineData("2.5 < a", "2.5x", true)]
    public void A_non_numeric_string_orders_against_a_number_as_text(string rule, string a, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule, a));

    [Fact]
    public void Two_strings_compare_as_text_even_when_both_look_numeric()
    {
        Assert.Equal(false, TestRule.Evaluate("a == b", "2", "2.0"));
        Assert.Equal(true, TestRule.Evaluate("a < b", "10", "9"));
    }

    [Theory]
    [InlineData("a * 3", "2", 6.0)]
    [InlineData("a + 1", " 29.85", 30.85)]
    [InlineData("-a", "4", -4.0)]
    public void Arithmetic_reads_numeric_strings_as_numbers(string rule, string a, double expected)
        => Assert.Equal(expected, (double)TestRule.Evaluate(rule, a)!, precision: 10);

    [Theory]
    [InlineData("a * 3", "two")]
    [InlineData("a + b", "1", "b")]
    [InlineData("a + 1", true)]
    [InlineData("-a", "x")]
    public void Arithmetic_on_anything_else_gives_null(string rule, object a, object? b = null)
        => Assert.Null(TestRule.Evaluate(rule, a, b ?? 1.0));

    [Theory]
    [InlineData("Yes")]
    [InlineData("true")]
    [InlineData("1")]
    public void Strings_that_look_boolean_are_not_booleans(string a)
    {
        Assert.Equal(false, TestRule.Evaluate("a == true", a));
        Assert.Null(TestRule.Evaluate("a and true", a));
    }

    [Fact]
    public void A_boolean_never_equals_a_number_or_string_and_does_not_order_against_them()
    {
        Assert.Equal(false, TestRule.Evaluate("a == 1", true));
        Assert.Equal(true, TestRule.Evaluate("a != 'true'", true));
        Assert.Null(TestRule.Evaluate("a > 0", true));
        Assert.Equal(true, TestRule.Evaluate("a == true", true));
    }

    [Fact]
    public void Other_numeric_types_behave_as_doubles()
    {
        Assert.Equal(true, TestRule.Evaluate("a == 5 and b == 2.5 and c == 7", 5, 2.5f, 7L));
        Assert.Equal(true, TestRule.Evaluate("a + b == 3.25", 0.25m, (byte)3));
        Assert.Equal(8.0, TestRule.Evaluate("a * 2", (short)4));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(float.NaN)]
    public void NaN_and_infinity_in_the_data_are_missing_values(object a)
        => Assert.Equal(true, TestRule.Evaluate("a is null", a));

    [Fact]
    public void A_value_of_an_unsupported_type_is_missing_rather_than_an_error()
    {
        Assert.Equal(true, TestRule.Evaluate("a is null", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Null(TestRule.Evaluate("a == 1", new object()));
    }
}
