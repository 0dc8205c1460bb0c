using System.Globalization;

namespace Graft.Data.Demo;

/// <summary>
/// Personal data that looks real but is not: example.* domains and the 555-01xx numbers
/// reserved for fiction, so the demo exercises PII handling without holding any.
/// </summary>
internal static class ContactDetails
{
    private static readonly string[] FirstNames =
    [
        "jane", "john", "maria", "ahmed", "li", "sofia", "david", "emma", "lucas", "olivia",
        "noah", "amara", "yuki", "carlos", "fatima", "liam", "anna", "omar", "chloe", "ravi",
    ];

    private static readonly string[] LastNames =
    [
        "doe", "smith", "garcia", "khan", "chen", "rossi", "miller", "novak", "silva", "brown",
        "tanaka", "okafor", "martin", "nguyen", "schmidt", "patel", "kowalski", "haddad", "evans", "lopez",
    ];

    public static string Email(DemoRandom random)
    {
        var first = random.Pick(FirstNames);
        var last = random.Pick(LastNames);
        return random.Between(0, 3) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{random.Between(1, 100)}@example.com"),
            1 => $"{first[0]}{last}@example.org",
            _ => $"{first}_{last}@example.net",
        };
    }

    public static string Phone(DemoRandom random)
    {
        var area = random.Between(201, 990);
        var line = random.Between(100, 200);
        // Exports mix formats because different forms captured the number.
        return random.Between(0, 3) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"+1-{area}-555-{line:D4}"),
            1 => string.Create(CultureInfo.InvariantCulture, $"({area}) 555-{line:D4}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{area}.555.{line:D4}"),
        };
    }
}
