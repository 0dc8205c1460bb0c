using System.Globalization;
using System.Text;
using System.Text.Json;
using Graft.Serving;

namespace Graft.Tests.Serving;

public class JsonNumbersTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(4, "4")]
    [InlineData(-72, "-72")]
    [InlineData(0.6137, "0.6137")]
    [InlineData(-0.412345, "-0.412345")]
    [InlineData(53.95, "53.95")]
    [InlineData(999999.999999999, "999999.999999999")]
    [InlineData(0.000000001, "0.000000001")] // the general formatter writes 1E-09
    [InlineData(0.1 + 0.2, "0.30000000000000004")] // not a nine-place decimal: the general formatter's text
    [InlineData(1e6, "1000000")]
    [InlineData(1e300, "1E+300")]
    [InlineData(-0.0, "-0")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    public void A_number_is_written_as_its_shortest_text(double value, string text) => Assert.Equal(text, Written(value));

    [Fact]
    public void Every_number_reads_back_as_itself_and_matches_the_general_formatter_where_that_writes_no_exponent()
    {
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var value = (i % 4) switch
            {
                0 => Math.Round((random.NextDouble() - 0.5) * 2000, random.Next(0, 10)), // decimals of up to nine places
                1 => ModelNumbers.Shown((float)random.NextDouble()), // scores as answers show them
                2 => random.Next(-100_000, 100_000), // whole-number inputs
                _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 12)), // anything
            };
            var text = Written(value);
            Assert.Equal(value, double.Parse(text, CultureInfo.InvariantCulture));
            var general = value.ToString("R", CultureInfo.InvariantCulture);
            if (!general.Contains('E'))
            {
                Assert.Equal(general, text);
            }
        }
    }

    private static string Written(double value)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            JsonNumbers.Write(json, value);
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray())[1..^1];
    }
}
