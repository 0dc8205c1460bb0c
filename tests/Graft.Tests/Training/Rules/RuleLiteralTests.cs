namespace Graft.Tests.Training.Rules;

public class RuleLiteralTests
{
    [Theory]
    [InlineData("12", 12.0)]
    [InlineData("3.5", 3.5)]
    [InlineData("-2", -2.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("2.5E-1", 0.25)]
    [InlineData(".5", 0.5)]
    [InlineData("007", 7.0)]
    public void Numbers_are_read_in_invariant_culture(string rule, double expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Theory]
    [InlineData("'Month-to-month'", "Month-to-month")]
    [InlineData("\"Fiber optic\"", "Fiber optic")]
    [InlineData("'it''s'", "it's")]
    [InlineData("\"say \"\"hi\"\"\"", "say \"hi\"")]
    [InlineData("'say \"hi\"'", "say \"hi\"")]
    [InlineData("''", "")]
    [InlineData("'  padded '", "  padded ")]
    [InlineData("'back\\slash'", "back\\slash")]
    public void Strings_take_either_quote_and_escape_it_by_doubling(string rule, string expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("False", false)]
    public void Booleans_are_keywords_in_any_case(string rule, bool expected)
        => Assert.Equal(expected, TestRule.Evaluate(rule));

    [Theory]
    [InlineData("null")]
    [InlineData("NULL")]
    public void Null_is_a_keyword_in_any_case(string rule)
        => Assert.Null(TestRule.Evaluate(rule));

    [Theory]
    [InlineData("A AND B OR NOT C", "((A and B) or (not C))")]
    [InlineData("CASE WHEN x THEN 'y' ELSE 'z' END", "(case when x then 'y' else 'z' end)")]
    [InlineData("x Is Not Null", "(x is not null)")]
    [InlineData("x NOT IN (1) AND y BETWEEN 1 AND 2", "((x not in (1)) and (y between 1 and 2))")]
    [InlineData("LOWER(x) == Starts_With(y, 'a')", "(lower(x) == starts_with(y, 'a'))")]
    public void Keywords_and_function_names_ignore_case(string rule, string grouping)
        => Assert.Equal(grouping, TestRule.Grouping(rule));

    [Theory]
    [InlineData("`Monthly Charges` > 50", "Monthly Charges")]
    [InlineData("[Monthly Charges] > 50", "Monthly Charges")]
    [InlineData("`phone-service` == 'Yes'", "phone-service")]
    [InlineData("[and] == 1", "and")]
    [InlineData("`a``b` == 1", "a`b")]
    [InlineData("[a]]b] == 1", "a]b")]
    [InlineData("_private_1 == 1", "_private_1")]
    public void Quoted_field_names_may_hold_spaces_dashes_and_keywords(string rule, string field)
        => Assert.Equal([field], Graft.Training.Rules.RuleExpression.Parse(rule).Fields);

    [Fact]
    public void Quoted_and_bare_spellings_of_a_field_read_the_same_value()
    {
        var result = TestRule.EvaluateRow("[tenure] + `tenure` + tenure", ("tenure", 2.0));
        Assert.Equal(6.0, result);
    }

    [Fact]
    public void A_field_with_spaces_is_printed_back_in_backticks()
        => Assert.Equal("(`Monthly Charges` > `Total Charges`)", TestRule.Grouping("`Monthly Charges` > [Total Charges]"));

    [Fact]
    public void Whitespace_and_newlines_between_tokens_do_not_matter()
        => Assert.Equal(TestRule.Grouping("a>1 and(b<2)"), TestRule.Grouping("a >\n 1\tand ( b < 2 )"));
}
