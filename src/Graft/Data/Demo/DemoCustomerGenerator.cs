using System.Globalization;

namespace Graft.Data.Demo;

/// <summary>
/// Draws customers of a growing subscription business as they stand on <see cref="ReferenceDate"/>,
/// with the label saying whether they cancel in the following 90 days.
/// </summary>
internal static class DemoCustomerGenerator
{
    public static readonly DateOnly ReferenceDate = new(2026, 1, 1);
    private static readonly DateOnly FirstSignup = new(2022, 1, 1);
    private static readonly DateOnly LastSignup = new(2025, 12, 31);

    /// <summary>Customers with ids in signup order, as a CRM assigns them.</summary>
    public static List<DemoCustomer> Generate(DemoRandom random, int count)
    {
        var span = LastSignup.DayNumber - FirstSignup.DayNumber + 1;
        var signupDays = new int[count];
        for (var i = 0; i < count; i++)
        {
            // The exponent skews signups toward recent years: the business is growing.
            signupDays[i] = (int)(span * Math.Pow(random.Uniform(), 0.75));
        }

        Array.Sort(signupDays);
        var customers = new List<DemoCustomer>(count);
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"C-{i + 1:D6}");
            customers.Add(Draw(random, id, FirstSignup.AddDays(signupDays[i])));
        }

        return customers;
    }

    private static DemoCustomer Draw(DemoRandom random, string id, DateOnly signup)
    {
        var tenure = Tenure(random, signup);
        var plan = random.Weighted((DemoCatalog.Basic, 0.45), (DemoCatalog.Standard, 0.35), (DemoCatalog.Premium, 0.20));
        var listPrice = (double)DemoCatalog.ListPrice(plan);
        var monthly = Math.Round((decimal)Math.Max(9.99, random.Normal(listPrice, listPrice * 0.1)), 2);
        // Long-standing customers have had time to move to longer contracts.
        var monthToMonth = Math.Max(0.2, 0.65 - (0.006 * tenure));
        var contract = random.Weighted(
            (DemoCatalog.MonthToMonth, monthToMonth),
            (DemoCatalog.OneYear, (1 - monthToMonth) * 0.55),
            (DemoCatalog.TwoYear, (1 - monthToMonth) * 0.45));
        var payment = random.Weighted(
            (DemoCatalog.PaymentMethods[0], 0.40),
            (DemoCatalog.PaymentMethods[1], 0.25),
            (DemoCatalog.PaymentMethods[2], 0.15),
            (DemoCatalog.PaymentMethods[3], 0.20));

        // Satisfaction is never written out; it shows only through usage, tickets and NPS.
        var satisfaction = random.Normal(0, 1);
        var tickets = random.Poisson(0.7 * Math.Exp(-0.6 * satisfaction));
        var logins = random.Poisson(14 * Math.Exp(0.35 * satisfaction) * (plan == DemoCatalog.Premium ? 1.2 : 1.0));
        var late = random.Poisson(0.25 + (payment == DemoCatalog.Invoice ? 0.5 : 0.0) + (satisfaction < -1 ? 0.3 : 0.0));
        var nps = (int)Math.Clamp(Math.Round(random.Normal(7 + (1.7 * satisfaction), 1.3)), 0, 10);
        var email = ContactDetails.Email(random);
        var phone = ContactDetails.Phone(random);
        var topic = tickets == 0
            ? TicketTopic.None
            : TicketText.ChooseTopic(random, satisfaction, (double)monthly > listPrice * 1.05);

        var customer = new DemoCustomer(
            id, signup, plan, contract, payment, random.Pick(DemoCatalog.Regions),
            tenure, monthly, TotalCharges(random, tenure, monthly),
            tickets, logins, late, random.Chance(0.15) ? null : nps,
            email, phone, TicketText.Compose(random, topic, plan, email, phone),
            CancellationReason: "", Churned: false);

        var churned = random.Chance(ChurnRisk.Probability(customer, satisfaction, topic));
        return customer with
        {
            Churned = churned,
            CancellationReason = churned ? ChurnRisk.CancellationReason(random, customer, topic) : "",
            // A slipped decimal point at data entry: the label was drawn from the true price.
            MonthlyCharges = random.Chance(0.003) ? monthly * 10 : monthly,
        };
    }

    private static int Tenure(DemoRandom random, DateOnly signup)
    {
        var months = ((ReferenceDate.Year - signup.Year) * 12) + ReferenceDate.Month - signup.Month
            - (ReferenceDate.Day < signup.Day ? 1 : 0);
        // Billing cycles do not line up with calendar months, so some records are a month off.
        if (random.Chance(0.08))
        {
            months += random.Chance(0.5) ? 1 : -1;
        }

        return Math.Clamp(months, 0, 72);
    }

    private static decimal? TotalCharges(DemoRandom random, int tenure, decimal monthly) =>
        tenure == 0
            ? null // not billed yet: blank in the export, not zero
            : Math.Round(tenure * monthly * (decimal)random.Normal(1.0, 0.04), 2);
}
