using Graft.Training.Rules;

namespace Graft.Tests.Training.Rules;

public class RuleFieldsTests
{
    [Fact]
    public void Fields_lists_distinct_names_in_order_of_first_use()
    {
        var rule = RuleExpression.Parse("b > 1 and a < 2 or b == a and `c d` is null");
        Assert.Equal(["b", "a", "c d"], rule.Fields);
    }

    [Fact]
    public void Fields_are_case_sensitive_so_differently_cased_names_are_distinct()
        => Assert.Equal(["x", "X"], RuleExpression.Parse("x > 1 and X > 1").Fields);

    [Fact]
    public void Function_names_are_not_fields_but_their_arguments_are()
        => Assert.Equal(["name", "fallback"], RuleExpression.Parse("lower(coalesce(name, fallback)) == 'x'").Fields);

    [Fact]
    public void Fields_inside_case_in_and_between_are_listed_in_written_order()
    {
        var rule = RuleExpression.Parse("case when p in (q, r) then s between t and u else v end");
        Assert.Equal(["p", "q", "r", "s", "t", "u", "v"], rule.Fields);
    }

    [Fact]
    public void A_rule_of_literals_reads_no_fields()
        => Assert.Empty(RuleExpression.Parse("1 + 1 == 2").Fields);

    [Fact]
    public void Text_is_the_rule_as_written()
    {
        const string text = "  tenure <  12 ";
        Assert.Equal(text, RuleExpression.Parse(text).Text);
        Assert.Equal(text, RuleExpression.Parse(text).ToString());
    }
}
