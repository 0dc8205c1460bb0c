namespace Graft.Data.Demo;

/// <summary>
/// The hidden truth behind the demo label: a logistic model of the customer's situation.
/// Satisfaction is only partly visible (through NPS, logins and tickets), so no model can be perfect;
/// the effects are tuned so a good model lands near 0.85 ROC AUC and the contract-and-tenure rule well below it.
/// </summary>
internal static class ChurnRisk
{
    // Sets the overall churn rate near 25%.
    private const double Intercept = -1.6;

    public static double Probability(DemoCustomer customer, double satisfaction, TicketTopic topic)
    {
        var logit = Intercept
            + ContractEffect(customer.Contract)
            - (0.045 * customer.TenureMonths)
            + (customer.TenureMonths < 6 ? 0.6 : 0.0)
            + (0.018 * (double)(customer.MonthlyCharges - 55m))
            + (0.35 * customer.SupportTickets90d)
            - (0.06 * (customer.Logins30d - 12))
            + (0.4 * customer.LatePayments12m)
            - (0.5 * satisfaction)
            + TopicEffect(topic);
        return 1.0 / (1.0 + Math.Exp(-logit));
    }

    /// <summary>Why a churned customer said they left; the reason follows what drove them away.</summary>
    public static string CancellationReason(DemoRandom random, DemoCustomer customer, TicketTopic topic) =>
        random.Weighted(
            ("Price", 1.0 + (topic == TicketTopic.Price ? 4.0 : 0.0) + (customer.MonthlyCharges > 80m ? 1.0 : 0.0)),
            ("Service", 1.0 + (0.5 * customer.SupportTickets90d) + (topic == TicketTopic.Slow ? 3.0 : 0.0)),
            ("Competitor", 0.7 + (topic == TicketTopic.Competitor ? 5.0 : 0.0)),
            ("Moved", 0.6));

    private static double ContractEffect(string contract) => contract switch
    {
        DemoCatalog.MonthToMonth => 1.0,
        DemoCatalog.TwoYear => -1.2,
        _ => 0.0,
    };

    private static double TopicEffect(TicketTopic topic) => topic switch
    {
        TicketTopic.Cancel => 1.8,
        TicketTopic.Competitor => 1.4,
        TicketTopic.Price => 1.0,
        TicketTopic.Slow => 0.6,
        TicketTopic.Thanks => -0.5,
        _ => 0.0,
    };
}
