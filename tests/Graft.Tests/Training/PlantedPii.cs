using System.Globalization;
using Graft.Data.Demo;

namespace Graft.Tests.Training;

/// <summary>
/// Personal data planted into real texts, the same for the same seed: an email address or a phone number (fiction's
/// 555-01xx numbers, Ofcom's drama range, example.* domains) added to a share of the texts, as customers add them.
/// </summary>
internal static class PlantedPii
{
    private static readonly string[] Templates =
    [
        "{0} You can reach me on {1}.",
        "{0} My email is {2}",
        "Hi, {2} here. {0}",
        "{0} Call me back at {1} please",
        "{0} (my number is {1}, or write to {2})",
    ];

    /// <summary>The texts with about <paramref name="share"/> of them carrying an email or phone number, and which rows do.</summary>
    public static (string?[] Texts, List<int> Rows) Into(string?[] texts, double share, int seed)
    {
        var random = new Random(seed);
        var planted = (string?[])texts.Clone();
        var rows = new List<int>();
        for (var i = 0; i < planted.Length; i++)
        {
            if (planted[i] is { } text && random.NextDouble() < share)
            {
                planted[i] = string.Format(CultureInfo.InvariantCulture, Templates[random.Next(Templates.Length)], text, Phone(random), Email(random));
                rows.Add(i);
            }
        }
        return (planted, rows);
    }

    public static string Phone(Random random) => random.Next(3) switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"+44 20 7946 0{random.Next(1000):D3}"),
        1 => string.Create(CultureInfo.InvariantCulture, $"({random.Next(201, 990)}) 555-01{random.Next(100):D2}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{random.Next(201, 990)}.555.01{random.Next(100):D2}"),
    };

    public static string Email(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"customer.{random.Next(100_000)}@example.{(random.Next(2) == 0 ? "com" : "org")}");

    /// <summary>Columns written as an RFC 4180 file, as an export would be.</summary>
    public static string Csv(params (string Name, string?[] Values)[] columns)
    {
        var csv = new StringWriter();
        CsvField.WriteRow(csv, [.. columns.Select(c => c.Name)]);
        for (var r = 0; r < columns[0].Values.Length; r++)
        {
            CsvField.WriteRow(csv, [.. columns.Select(c => c.Values[r] ?? "")]);
        }
        return csv.ToString();
    }
}
