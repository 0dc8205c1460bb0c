using System.Globalization;

namespace Graft.Data.Demo;

/// <summary>One customer of the demo subscription business, as the CRM export would show them.</summary>
internal sealed record DemoCustomer(
    string CustomerId,
    DateOnly SignupDate,
    string Plan,
    string Contract,
    string PaymentMethod,
    string Region,
    int TenureMonths,
    decimal MonthlyCharges,
    decimal? TotalCharges,
    int SupportTickets90d,
    int Logins30d,
    int LatePayments12m,
    int? NpsScore,
    string Email,
    string Phone,
    string LastTicketText,
    string CancellationReason,
    bool Churned)
{
    public static IReadOnlyList<string> ColumnNames { get; } =
    [
        "customer_id", "signup_date", "plan", "contract", "payment_method", "region",
        "tenure_months", "monthly_charges", "total_charges",
        "support_tickets_90d", "logins_30d", "late_payments_12m", "nps_score",
        "email", "phone", "last_ticket_text", "cancellation_reason", "churned",
    ];

    /// <summary>The fields in <see cref="ColumnNames"/> order; missing values are empty strings, as in most exports.</summary>
    public IReadOnlyList<string> ToCsvFields() =>
    [
        CustomerId,
        SignupDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Plan,
        Contract,
        PaymentMethod,
        Region,
        Invariant(TenureMonths),
        MonthlyCharges.ToString("0.00", CultureInfo.InvariantCulture),
        TotalCharges?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
        Invariant(SupportTickets90d),
        Invariant(Logins30d),
        Invariant(LatePayments12m),
        NpsScore is { } nps ? Invariant(nps) : "",
        Email,
        Phone,
        LastTicketText,
        CancellationReason,
        Churned ? "Yes" : "No",
    ];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
