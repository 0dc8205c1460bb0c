namespace Graft.Data.Demo;

/// <summary>The demo business's products and the categorical values its CRM records.</summary>
internal static class DemoCatalog
{
    public const string Basic = "Basic";
    public const string Standard = "Standard";
    public const string Premium = "Premium";

    public const string MonthToMonth = "Month-to-month";
    public const string OneYear = "One year";
    public const string TwoYear = "Two year";

    public const string Invoice = "Invoice";

    public static IReadOnlyList<string> PaymentMethods { get; } = ["Card", "Bank transfer", Invoice, "PayPal"];

    public static IReadOnlyList<string> Regions { get; } = ["North", "South", "East", "West", "Central"];

    /// <summary>The list price customers on a plan pay on average; individual deals vary around it.</summary>
    public static decimal ListPrice(string plan) => plan switch
    {
        Basic => 29m,
        Standard => 59m,
        _ => 99m,
    };
}
