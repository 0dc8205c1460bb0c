using Graft.Training.Rules;

namespace Graft.Tests.Training.Rules;

/// <summary>The rules from the documentation, over rows shaped like the Telco churn data.</summary>
public class RuleExampleTests
{
    private static readonly string[] Columns = ["tenure", "Contract", "MonthlyCharges", "TotalCharges", "InternetService"];

    private static readonly object?[][] Rows =
    [
        [1.0, "Month-to-month", 29.85, "29.85", "DSL"],
        [34.0, "One year", 56.95, "1889.5", "DSL"],
        [2.0, "Month-to-month", 70.7, "151.65", "Fiber optic"],
        [0.0, "Two year", 52.55, " ", "DSL"],
        [8.0, "Month-to-month", 99.65, "820.5", "Fiber optic"],
    ];

    [Fact]
    public void Binary_rule_flags_new_month_to_month_customers()
    {
        var rule = RuleExpression.Parse("tenure < 12 and Contract == 'Month-to-month'").Compile(Columns);
        Assert.Equal([true, false, true, false, true], Rows.Select(r => RuleValue.IsTrue(rule.Evaluate(r))));
    }

    [Fact]
    public void Multiclass_rule_labels_rows_by_tenure_band()
    {
        var rule = RuleExpression
            .Parse("case when tenure < 6 then 'high' when tenure < 24 then 'medium' else 'low' end")
            .Compile(Columns);
        Assert.Equal(["high", "low", "high", "high", "medium"], Rows.Select(r => RuleValue.AsText(rule.Evaluate(r))));
    }

    [Fact]
    public void Regression_rule_estimates_a_value_from_text_held_numbers()
    {
        var rule = RuleExpression.Parse("coalesce(TotalCharges / tenure, MonthlyCharges)").Compile(Columns);
        var values = Rows.Select(r => RuleValue.AsNumber(rule.Evaluate(r))).ToArray();
        Assert.Equal(29.85, values[0]!.Value, precision: 6);
        Assert.Equal(1889.5 / 34, values[1]!.Value, precision: 6);
        Assert.Equal(52.55, values[3]!.Value, precision: 6); // " " / 0 is null, so the fallback is used
    }

    [Fact]
    public void Rule_mixing_not_and_in()
    {
        var rule = RuleExpression.Parse("tenure >= 3 or not (InternetService in ('DSL', 'No'))").Compile(Columns);
        Assert.Equal([false, true, true, false, true], Rows.Select(r => RuleValue.IsTrue(rule.Evaluate(r))));
    }

    [Fact]
    public void Rule_testing_for_missing_totals()
    {
        var rule = RuleExpression.Parse("TotalCharges is null").Compile(Columns);
        Assert.All(Rows, r => Assert.Equal(false, rule.Evaluate(r)));
        Assert.Equal(true, rule.Evaluate(new object?[] { 1.0, "x", 1.0, null, "DSL" }));
    }
}
