using System.Globalization;
using System.Text.RegularExpressions;

namespace Graft.Tests.Data.Demo;

public class ChurnDemoDataTests
{
    private static readonly ChurnDemoTable Table = ChurnDemoTable.Default;

    [Fact]
    public void The_same_seed_writes_the_same_text()
    {
        Assert.Equal(Table.Text, ChurnDemoTable.Write(5000, 42).Text);
    }

    [Fact]
    public void Different_seeds_write_different_text()
    {
        Assert.NotEqual(Table.Text, ChurnDemoTable.Write(5000, 43).Text);
    }

    [Fact]
    public void The_header_lists_the_columns_in_order()
    {
        string[] expected =
        [
            "customer_id", "signup_date", "plan", "contract", "payment_method", "region",
            "tenure_months", "monthly_charges", "total_charges",
            "support_tickets_90d", "logins_30d", "late_payments_12m", "nps_score",
            "email", "phone", "last_ticket_text", "cancellation_reason", "churned",
        ];

        Assert.Equal(expected, Table.Header);
    }

    [Fact]
    public void The_text_is_rfc_4180_with_every_column_on_every_row()
    {
        // StrictCsv has already parsed it; here every row must also have the header's width.
        Assert.All(Table.Rows, row => Assert.Equal(Table.Header.Count, row.Length));
        Assert.DoesNotContain('\r', Table.Text);
    }

    [Fact]
    public void Rows_requested_include_one_exact_duplicate_per_hundred()
    {
        var distinctLines = Table.Rows.Select(row => string.Join('\u001f', row)).Distinct().Count();
        var distinctCustomers = Table.Rows.Select(row => Table.Value(row, "customer_id")).Distinct().Count();

        Assert.Equal(5000, Table.Rows.Count);
        Assert.Equal(4950, distinctLines);
        // A customer id appears twice only as a whole repeated row, never as two different customers.
        Assert.Equal(distinctLines, distinctCustomers);
    }

    [Fact]
    public void About_a_quarter_of_customers_churn()
    {
        Assert.InRange(Table.ChurnRate(_ => true), 0.2, 0.3);
    }

    [Fact]
    public void Month_to_month_customers_churn_at_least_twice_as_often_as_two_year_customers()
    {
        var monthToMonth = Table.ChurnRate(row => Table.Value(row, "contract") == "Month-to-month");
        var twoYear = Table.ChurnRate(row => Table.Value(row, "contract") == "Two year");

        Assert.True(monthToMonth >= 2 * twoYear, $"Month-to-month {monthToMonth:F3}, two year {twoYear:F3}");
    }

    [Fact]
    public void Total_charges_are_blank_exactly_when_tenure_is_zero()
    {
        var newCustomers = Table.Rows.Count(row => Table.IntValue(row, "tenure_months") == 0);

        Assert.InRange(newCustomers, 20, 500);
        Assert.All(Table.Rows, row =>
            Assert.Equal(Table.IntValue(row, "tenure_months") == 0, Table.Value(row, "total_charges").Length == 0));
    }

    [Fact]
    public void Nps_score_is_missing_for_ten_to_twenty_percent_and_otherwise_zero_to_ten()
    {
        var scores = Table.Rows.Select(row => Table.Value(row, "nps_score")).ToList();

        Assert.InRange(scores.Count(score => score.Length == 0) / (double)scores.Count, 0.10, 0.20);
        Assert.All(scores.Where(score => score.Length > 0), score =>
            Assert.InRange(int.Parse(score, CultureInfo.InvariantCulture), 0, 10));
    }

    [Fact]
    public void Cancellation_reason_is_filled_exactly_for_churned_customers()
    {
        Assert.All(Table.Rows, row =>
            Assert.Equal(Table.Churned(row), Table.Value(row, "cancellation_reason").Length > 0));
    }

    [Fact]
    public void Ticket_texts_carry_commas_quotes_and_sometimes_an_email()
    {
        var texts = Table.Rows.Select(row => Table.Value(row, "last_ticket_text")).ToList();
        var email = new Regex(@"[a-z0-9._]+@example\.(com|org|net)", RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.True(texts.Count(text => text.Contains(',')) > 100);
        Assert.True(texts.Count(text => text.Contains('"')) > 100);
        Assert.InRange(texts.Count(text => email.IsMatch(text)), 10, 150);
    }

    [Fact]
    public void Customers_without_tickets_have_no_ticket_text()
    {
        Assert.All(Table.Rows, row =>
            Assert.Equal(Table.IntValue(row, "support_tickets_90d") == 0, Table.Value(row, "last_ticket_text").Length == 0));
    }
}
