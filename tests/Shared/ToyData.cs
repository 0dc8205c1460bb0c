using System.Globalization;

namespace Graft.Testing;

/// <summary>
/// The toy use case the test projects train on (compiled into each): x decides the label but for a little noise (not
/// so little that x alone looks like leakage); the rule looks at colour. Optionally an email and a free-text note, for
/// the masking tests, the note holding a phone number in a few rows.
/// </summary>
internal static class ToyData
{
    public const string Spec = """
        id: toy
        title: Toy
        task: binary
        target: { column: label, positive: "yes" }
        entity: id
        rule: "colour == 'red'"
        """;

    public static string Csv(int rows, int seed = 1, bool withContact = false)
    {
        var random = new Random(seed);
        var lines = new List<string> { withContact ? "id,x,colour,label,email,note" : "id,x,colour,label" };
        for (var i = 0; i < rows; i++)
        {
            var x = random.NextDouble() * 10;
            var positive = x > 6 ^ random.NextDouble() < 0.12;
            var callBack = i % 50 == 7 ? $" on (555) 010-{1000 + i}" : ""; // a phone number in 2 % of the notes: pii_in_text
            var contact = withContact ? $",person{i}@example.org,\"asked about invoice {i}, please call back{callBack}\"" : "";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"r{i},{x:0.###},{(i % 3 == 0 ? "red" : "blue")},{(positive ? "yes" : "no")}{contact}"));
        }
        return string.Join('\n', lines) + "\n";
    }
}
