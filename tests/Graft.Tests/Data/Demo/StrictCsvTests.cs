namespace Graft.Tests.Data.Demo;

// The demo tests lean on this reader to prove the CSV is well formed, so it must itself reject bad CSV.
public class StrictCsvTests
{
    [Fact]
    public void Quoted_fields_keep_commas_and_doubled_quotes()
    {
        var rows = StrictCsv.Parse("a,\"b, \"\"c\"\"\",\n");

        Assert.Equal(["a", "b, \"c\"", ""], Assert.Single(rows));
    }

    [Theory]
    [InlineData("a,b\"c\n")]
    [InlineData("\"a\"b\n")]
    [InlineData("\"a\n")]
    [InlineData("a,b\r\n")]
    [InlineData("a,b")]
    public void Malformed_csv_is_rejected(string text)
    {
        Assert.Throws<FormatException>(() => StrictCsv.Parse(text));
    }
}
