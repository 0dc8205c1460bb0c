using System.Text;
using Graft.Data;

namespace Graft.Tests.Data;

public class DelimitedFileTests
{
    private static Frame Read(string text) => DelimitedFile.Read(Encoding.UTF8.GetBytes(text), "test.csv");

    private static string Fail(string text) => Assert.Throws<DataFormatException>(() => Read(text)).Message;

    [Theory]
    [InlineData("a,b\n1,2\n", ',')]
    [InlineData("a;b\n1;2\n", ';')]
    [InlineData("a\tb\n1\t2\n", '\t')]
    [InlineData("a|b\n1|2\n", '|')]
    [InlineData("\"x,y\";b\n1;2\n", ';')]
    public void The_delimiter_is_detected_from_the_header(string text, char expected)
    {
        Assert.Equal(expected, DelimitedFile.DetectDelimiter(text));
        var frame = Read(text);
        Assert.Equal(2, frame.ColumnCount);
        Assert.Equal("2", frame.Column(1)[0]);
    }

    [Fact]
    public void Quoted_fields_keep_embedded_delimiters_quotes_and_line_breaks()
    {
        var frame = Read("id,text\r\n1,\"hello, \"\"world\"\"\r\nsecond line\"\r\n2,plain\r\n");
        Assert.Equal(2, frame.RowCount);
        Assert.Equal("hello, \"world\"\r\nsecond line", frame.Column("text")[0]);
        Assert.Equal("plain", frame.Column("text")[1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("NA")]
    [InlineData("n/a")]
    [InlineData("?")]
    [InlineData("null")]
    [InlineData("NaN")]
    [InlineData("\"\"")]
    public void Usual_spellings_of_missing_are_null(string spelling)
    {
        var frame = Read($"a,b\n1,{spelling}\n");
        Assert.Null(frame.Column("b")[0]);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_name()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("name,x\nä,1\n")).ToArray();
        var frame = DelimitedFile.Read(bytes, "bom.csv");
        Assert.Equal("name", frame.Names[0]);
        Assert.Equal("ä", frame.Column("name")[0]);
    }

    [Fact]
    public void Blank_lines_between_records_are_skipped()
    {
        Assert.Equal(2, Read("a,b\n1,2\n\n3,4\n").RowCount);
    }

    [Fact]
    public void A_ragged_row_is_refused_with_its_line()
    {
        var message = Fail("a,b,c\n1,2,3\n4,5\n");
        Assert.Contains("line 3", message);
        Assert.Contains("2 fields but the header has 3", message);
    }

    [Fact]
    public void An_unclosed_quote_is_refused()
    {
        var message = Fail("a,b\n1,\"open\n2,3\n");
        Assert.StartsWith("test.csv: the quoted value of 'b' at line 2 is not closed", message);
    }

    [Fact]
    public void A_stray_quote_inside_a_quoted_value_is_refused()
    {
        Assert.Contains("stray quote", Fail("a,b\n1,\"x\"y\"z\"\n"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("  \n \n", "empty")]
    [InlineData("a,b\n", "no data rows")]
    [InlineData("a,,c\n1,2,3\n", "column 2 of the header has no name")]
    [InlineData("a,b,a\n1,2,3\n", "'a' appears twice")]
    public void Unusable_files_are_refused_with_the_reason(string text, string reason)
    {
        Assert.Contains(reason, Fail(text));
    }

    [Fact]
    public void Binary_garbage_is_refused_as_not_text()
    {
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0x10 };
        Assert.Contains("not a text file", Assert.Throws<DataFormatException>(() => DelimitedFile.Read(bytes, "x.zip")).Message);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = Encoding.ASCII.GetBytes("a,b\n1,").Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        Assert.Contains("not valid UTF-8", Assert.Throws<DataFormatException>(() => DelimitedFile.Read(bytes, "x.csv")).Message);
    }
}
