namespace Graft.Data.Demo;

/// <summary>What a customer's last support ticket was about; the unhappy topics precede cancellations.</summary>
internal enum TicketTopic
{
    None,
    Thanks,
    HowTo,
    Billing,
    Slow,
    Price,
    Competitor,
    Cancel,
}
