namespace Graft.Tests.Training.Rules;

/// <summary>Every parse error names the problem and its column, in one line.</summary>
public class RuleSyntaxErrorTests
{
    [Theory]
    [InlineData("", 0, "rule: empty rule at column 1: write a condition such as tenure < 12")]
    [InlineData("  \n ", 0, "rule: empty rule at column 1: write a condition such as tenure < 12")]
    [InlineData("name == 'abc", 8, "rule: unterminated string at column 9: add the closing '")]
    [InlineData("name == \"a''", 8, "rule: unterminated string at column 9: add the closing \"")]
    [InlineData("x == 'it''s", 5, "rule: unterminated string at column 6: add the closing '")]
    [InlineData("`Monthly Charges > 3", 0, "rule: unterminated field name at column 1: add the closing `")]
    [InlineData("a > [b", 4, "rule: unterminated field name at column 5: add the closing ]")]
    [InlineData("[] == 1", 0, "rule: empty field name at column 1")]
    public void Unterminated_quotes_point_at_the_opening_quote(string rule, int position, string message)
        => AssertError(rule, position, message);

    [Theory]
    [InlineData("(a > 1", 0, "rule: unclosed '(' at column 1: add the matching ')'")]
    [InlineData("x or ((a > 1) and b", 5, "rule: unclosed '(' at column 6: add the matching ')'")]
    [InlineData("lower(a", 5, "rule: unclosed '(' at column 6: add the matching ')'")]
    [InlineData("a in ('x', 'y'", 5, "rule: unclosed '(' at column 6: add the matching ')'")]
    [InlineData("a > 1)", 5, "rule: unexpected ')' at column 6: it has no matching '('")]
    [InlineData("(a > 1 b)", 7,
        "rule: unexpected 'b' at column 8: expected an operator or ')' to close the '(' at column 1")]
    [InlineData("min(a b)", 6, "rule: unexpected 'b' at column 7: expected ',' or ')' to close the '(' at column 4")]
    [InlineData("()", 1, "rule: unexpected ')' at column 2: expected a value")]
    public void Unbalanced_parentheses(string rule, int position, string message)
        => AssertError(rule, position, message);

    [Theory]
    [InlineData("a ^ 2", 2, "rule: unknown operator '^' at column 3")]
    [InlineData("a # b", 2, "rule: unknown operator '#' at column 3")]
    [InlineData("a & b", 2, "rule: unknown operator '&' at column 3: use 'and' or '&&'")]
    [InlineData("a | b", 2, "rule: unknown operator '|' at column 3: use 'or' or '||'")]
    [InlineData("a => 2", 2, "rule: unknown operator '=>' at column 3: did you mean '>='?")]
    [InlineData("a =< 2", 2, "rule: unknown operator '=<' at column 3: did you mean '<='?")]
    [InlineData("a === b", 2, "rule: unknown operator '===' at column 3: comparisons are ==, !=, <, <=, >, >=")]
    [InlineData("a !== b", 2, "rule: unknown operator '!==' at column 3: comparisons are ==, !=, <, <=, >, >=")]
    [InlineData("a ** 2", 2, "rule: unknown operator '**' at column 3: there is no power operator; multiply instead")]
    [InlineData("prix_unité > 2", 9,
        "rule: unexpected character 'é' at column 10: write field names with other characters in backticks, e.g. `Prix unité`")]
    public void Unknown_operators_and_characters(string rule, int position, string message)
        => AssertError(rule, position, message);

    [Theory]
    [InlineData("case when a then 1", 0, "rule: missing 'end' for the 'case' at column 1: close it with 'end'")]
    [InlineData("x == case when a then 1 else 2", 5, "rule: missing 'end' for the 'case' at column 6: close it with 'end'")]
    [InlineData("case when a then 1 else 2 3 end", 26,
        "rule: unexpected '3' at column 27: expected 'end' to close the 'case' at column 1")]
    [InlineData("case when a then 1 2 end", 19,
        "rule: unexpected '2' at column 20: expected 'when', 'else' or 'end' to close the 'case' at column 1")]
    [InlineData("case a when 1 then 2 end", 5, "rule: unexpected 'a' at column 6: expected 'when' after 'case'")]
    [InlineData("case when a 1 end", 12, "rule: unexpected '1' at column 13: expected 'then'")]
    [InlineData("case", 4, "rule: unexpected end of the rule at column 5: expected 'when' after 'case'")]
    public void Malformed_case(string rule, int position, string message)
        => AssertError(rule, position, message);

    [Theory]
    [InlineData("a b", 2, "rule: unexpected 'b' at column 3: expected an operator or the end of the rule")]
    [InlineData("tenure < 12 then 'x'", 12,
        "rule: unexpected 'then' at column 13: expected an operator or the end of the rule")]
    [InlineData("a > 1 'x'", 6, "rule: unexpected string 'x' at column 7: expected an operator or the end of the rule")]
    [InlineData("a\n and b c", 9, "rule: unexpected 'c' at column 10: expected an operator or the end of the rule")]
    [InlineData("`Monthly Charges`(1)", 17,
        "rule: unexpected '(' at column 18: expected an operator or the end of the rule")]
    public void Trailing_junk(string rule, int position, string message)
        => AssertError(rule, position, message);

    [Theory]
    [InlineData("lenght(name) > 3", 0, "rule: unknown function 'lenght' at column 1: did you mean 'length'?")]
    [InlineData("x and lowr(y)", 6, "rule: unknown function 'lowr' at column 7: did you mean 'lower'?")]
    [InlineData("foo(a)", 0, "rule: unknown function 'foo' at column 1: the functions are "
        + "lower, upper, length, contains, starts_with, ends_with, abs, min, max, coalesce")]
    public void Unknown_functions_are_named(string rule, int position, string message)
        => AssertError(rule, position, message);

    [Theory]
    [InlineData("contains(a)", 0,
        "rule: wrong number of arguments for 'contains' at column 1: contains(text, part) takes 2, got 1")]
    [InlineData("x == lower()", 5, "rule: wrong number of arguments for 'lower' at column 6: lower(text) takes 1, got 0")]
    [InlineData("abs(1, 2)", 0, "rule: wrong number of arguments for 'abs' at column 1: abs(number) takes 1, got 2")]
    [InlineData("min(1)", 0, "rule: wrong number of arguments for 'min' at column 1: min(a, b, ...) takes 2 or more, got 1")]
    [InlineData("coalesce()", 0,
        "rule: wrong number of arguments for 'coalesce' at column 1: coalesce(value, fallback, ...) takes 1 or more, got 0")]
    public void Wrong_argument_counts_give_the_signature(string rule, int position, string message)
        => AssertError(rule, position, message);

    [Theory]
    [InlineData("a >", 3, "rule: unexpected end of the rule at column 4: expected a value")]
    [InlineData("a > > 1", 4, "rule: unexpected '>' at column 5: expected a value")]
    [InlineData("a == then", 5, "rule: unexpected 'then' at column 6: expected a value")]
    [InlineData("12abc > 1", 0, "rule: malformed number '12abc' at column 1")]
    [InlineData("x > 1.2.3", 4, "rule: malformed number '1.2.3' at column 5")]
    [InlineData("1e", 0, "rule: malformed number '1e' at column 1")]
    [InlineData("a < b < c", 6, "rule: unexpected '<' at column 7: comparisons cannot be chained; join them with 'and'")]
    [InlineData("a == b is null", 7,
        "rule: unexpected 'is' at column 8: comparisons cannot be chained; join them with 'and'")]
    [InlineData("a is 1", 5, "rule: unexpected '1' at column 6: expected 'null' or 'not null' after 'is'")]
    [InlineData("a is not 1", 9, "rule: unexpected '1' at column 10: expected 'null' after 'is not'")]
    [InlineData("a not 1", 6, "rule: unexpected '1' at column 7: expected 'in' or 'between' after 'not'")]
    [InlineData("a in 1", 5, "rule: unexpected '1' at column 6: expected '(' and a list of values after 'in'")]
    [InlineData("a in ()", 6, "rule: empty 'in' list at column 7: give at least one value")]
    [InlineData("a between 1 5", 12, "rule: unexpected '5' at column 13: expected 'and' between the bounds of 'between'")]
    public void Misplaced_or_missing_pieces(string rule, int position, string message)
        => AssertError(rule, position, message);

    [Fact]
    public void Long_tokens_are_shortened_in_the_message()
    {
        var error = TestRule.SyntaxError("a == 'x' 'a very long string literal that goes on and on'");
        Assert.Equal("rule: unexpected string 'a very long string literal... at column 10: "
            + "expected an operator or the end of the rule", error.Message);
    }

    [Fact]
    public void Pathologically_deep_nesting_is_a_syntax_error_not_a_crash()
    {
        var rule = new string('(', 10_000) + "a" + new string(')', 10_000);
        var error = TestRule.SyntaxError(rule);
        Assert.StartsWith("rule: nesting too deep at column ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Moderate_nesting_is_fine()
    {
        var rule = new string('(', 40) + "1" + new string(')', 40) + " + 1";
        Assert.Equal(2.0, TestRule.Evaluate(rule));
    }

    private static void AssertError(string rule, int position, string message)
    {
        var error = TestRule.SyntaxError(rule);
        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
        Assert.DoesNotContain('\n', error.Message);
    }
}
