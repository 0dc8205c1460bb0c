using System.Globalization;

namespace Graft.Tests.Data.Demo;

// The demo has to tell the story Graft shows: a rule that helps, a model that helps more, and flaws to catch.
public class ChurnDemoRealismTests
{
    private static readonly ChurnDemoTable Table = ChurnDemoTable.Default;

    [Fact]
    public void The_contract_and_tenure_rule_ranks_churners_only_moderately_well()
    {
        var flagged = Table.Rows
            .Select(row => (
                Flagged: Table.Value(row, "contract") == "Month-to-month" && Table.IntValue(row, "tenure_months") < 12,
                Churned: Table.Churned(row)))
            .ToList();
        var truePositiveRate = flagged.Count(r => r.Flagged && r.Churned) / (double)flagged.Count(r => r.Churned);
        var falsePositiveRate = flagged.Count(r => r.Flagged && !r.Churned) / (double)flagged.Count(r => !r.Churned);

        // For a yes/no score, ROC AUC is the mean of the true positive and true negative rates.
        var ruleAuc = (truePositiveRate + 1 - falsePositiveRate) / 2;

        Assert.InRange(ruleAuc, 0.55, 0.72);
    }

    [Fact]
    public void Customers_whose_last_ticket_is_unhappy_churn_far_more_than_those_who_say_thanks()
    {
        string[] unhappy = ["cancel", "too expensive", "switching to"];
        var unhappyRate = Table.ChurnRate(row =>
            unhappy.Any(words => Table.Value(row, "last_ticket_text").Contains(words, StringComparison.OrdinalIgnoreCase)));
        var thankfulRate = Table.ChurnRate(row =>
            Table.Value(row, "last_ticket_text").Contains("thank", StringComparison.OrdinalIgnoreCase));

        Assert.True(unhappyRate >= 2 * thankfulRate, $"Unhappy {unhappyRate:F3}, thankful {thankfulRate:F3}");
    }

    [Fact]
    public void Tenure_agrees_with_the_signup_date_to_within_a_month()
    {
        Assert.All(Table.Rows, row =>
        {
            var signup = DateOnly.ParseExact(Table.Value(row, "signup_date"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var months = ((2026 - signup.Year) * 12) + 1 - signup.Month - (signup.Day > 1 ? 1 : 0);

            Assert.InRange(signup, new DateOnly(2022, 1, 1), new DateOnly(2025, 12, 31));
            Assert.InRange(Table.IntValue(row, "tenure_months") - months, -1, 1);
        });
    }

    [Fact]
    public void A_few_monthly_charges_are_tenfold_entry_errors()
    {
        var charges = Table.Rows
            .Select(row => decimal.Parse(Table.Value(row, "monthly_charges"), CultureInfo.InvariantCulture))
            .ToList();

        // No honest price reaches 170; a Basic price typed ten times over does.
        Assert.InRange(charges.Count(charge => charge > 170m), 5, 30);
        Assert.All(charges, charge => Assert.True(charge > 0m));
    }
}
