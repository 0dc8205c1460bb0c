namespace Graft.Data.Demo;

/// <summary>
/// Support-ticket sentences as customers write them: the words that signal churn ("cancel",
/// "too expensive", "switching to") are there for a text model to find, with the commas, quotes
/// and stray contact details that real free text carries.
/// </summary>
internal static class TicketText
{
    private static readonly string[] Competitors = ["Acme Cloud", "Globex", "Initech", "Northwind Apps"];

    private static readonly Dictionary<TicketTopic, string[]> Templates = new()
    {
        [TicketTopic.Cancel] =
        [
            "I want to cancel my subscription at the end of this month.",
            "Please cancel our account, we no longer need it.",
            "How do I cancel? I can't find the option anywhere.",
            "Cancel my plan, effective immediately.",
        ],
        [TicketTopic.Price] =
        [
            "This is too expensive for what we use.",
            "Why did my bill go up again? It's too expensive now.",
            "The \"{plan}\" plan costs too much, can we get a discount?",
            "Too expensive, honestly. Is there a cheaper option?",
        ],
        [TicketTopic.Competitor] =
        [
            "We are switching to {competitor} next month.",
            "{competitor} offers the same for less, so we're switching to them.",
            "Thinking about switching to {competitor}, what can you offer?",
        ],
        [TicketTopic.Slow] =
        [
            "The dashboard is slow again, third time this week.",
            "Reports take forever to load, very slow, please fix.",
            "Sync keeps failing and the app is slow. Not happy.",
            "The \"Export\" button does nothing, again.",
        ],
        [TicketTopic.Thanks] =
        [
            "Thanks, the fix works great!",
            "Great support, thank you.",
            "All good now, thanks for the quick reply.",
        ],
        [TicketTopic.HowTo] =
        [
            "How do I add a new user to our team?",
            "How do I export invoices as PDF?",
            "Hi, how do I change the \"Billing contact\" field?",
        ],
        [TicketTopic.Billing] =
        [
            "Please update our billing address, thanks.",
            "Can I get a copy of last month's invoice?",
            "Could you switch us to annual billing, please?",
        ],
    };

    /// <summary>Unhappy customers (low <paramref name="satisfaction"/>) write about cancelling, price, rivals and outages.</summary>
    public static TicketTopic ChooseTopic(DemoRandom random, double satisfaction, bool paysAbovePlanPrice)
    {
        var unhappy = 1.0 / (1.0 + Math.Exp(0.4 + (1.3 * satisfaction)));
        if (!random.Chance(unhappy))
        {
            return random.Weighted((TicketTopic.Thanks, 0.4), (TicketTopic.HowTo, 0.4), (TicketTopic.Billing, 0.2));
        }

        return random.Weighted(
            (TicketTopic.Cancel, 0.25),
            (TicketTopic.Price, paysAbovePlanPrice ? 0.4 : 0.2),
            (TicketTopic.Competitor, 0.2),
            (TicketTopic.Slow, 0.3));
    }

    /// <summary>A sentence on <paramref name="topic"/>, sometimes followed by the customer's own email or phone.</summary>
    public static string Compose(DemoRandom random, TicketTopic topic, string plan, string email, string phone)
    {
        if (topic == TicketTopic.None)
        {
            return "";
        }

        var text = random.Pick(Templates[topic])
            .Replace("{plan}", plan, StringComparison.Ordinal)
            .Replace("{competitor}", random.Pick(Competitors), StringComparison.Ordinal);

        // About half the customers have a ticket, so one in twenty-five leaking makes ~2% of rows.
        if (random.Chance(0.04))
        {
            text += random.Chance(0.5)
                ? $" You can email me at {email} instead."
                : $" Call me back at {phone}.";
        }

        return text;
    }
}
