using System.Diagnostics;
using System.Text;
using Graft.Audit;

namespace Graft.Tests.Audit;

public class TextPlaceholdersTests
{
    [Fact]
    public void Empty_and_missing_text_stay_as_they_are()
    {
        Assert.Equal("", TextPlaceholders.Apply(""));
        Assert.Null(TextPlaceholders.Apply(null));
    }

    [Theory]
    [InlineData("+44 20 7946 0958", "<PHONE>")]
    [InlineData(" jane.doe@example.com ", " <EMAIL> ")]
    [InlineData("Dr Jane Doe", "<PERSON>")]
    [InlineData("jane.doe@example.com, +44 20 7946 0958, 4111-1111-1111-1111, 123-45-6789, Dr Jane Doe", "<EMAIL>, <PHONE>, <CARD>, <NATIONAL_ID>, <PERSON>")]
    public void A_text_of_nothing_but_personal_data_becomes_nothing_but_placeholders(string text, string replaced)
    {
        Assert.Equal(replaced, TextPlaceholders.Apply(text));
    }

    [Theory]
    [InlineData("invoice 4111 1111 1111 1112 is wrong")] // fails the Luhn check: not a card
    [InlineData("transfer of 1234567 on 2016-03-01 and 2016/03/02")]
    [InlineData("reference 20160301123456")] // digits without separators: not a phone
    [InlineData("paid 1,250,000.00 GBP at 10:45:30")]
    [InlineData("server 192.168.100.12 is down")]
    [InlineData("Call me")]
    public void Dates_plain_numbers_and_numbers_failing_the_luhn_check_are_left_as_they_are(string text)
    {
        Assert.Same(text, TextPlaceholders.Apply(text));
    }

    [Fact]
    public void Applying_placeholders_twice_changes_nothing_more()
    {
        var once = TextPlaceholders.Apply("Hi, this is Jane from accounts: call 555-010-4477 or write to jane@example.com");

        Assert.Equal("Hi, this is <PERSON> from accounts: call <PHONE> or write to <EMAIL>", once);
        Assert.Same(once, TextPlaceholders.Apply(once));
    }

    [Fact]
    public void A_ten_thousand_character_text_with_hundreds_of_spans_is_replaced_whole_and_quickly()
    {
        var text = new StringBuilder();
        var spans = 0;
        while (text.Length < 10_000)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"ticket {spans}: call 555-010-{1000 + (spans % 9000)} or mail user{spans}@example.com, ");
            spans++;
        }
        var input = text.ToString()[..10_000];

        var clock = Stopwatch.StartNew();
        var replaced = TextPlaceholders.Apply(input)!;
        var elapsed = clock.Elapsed;

        Assert.True(spans > 100, $"{spans} spans");
        Assert.DoesNotContain("@example.com", replaced);
        Assert.DoesNotMatch(@"555-010-\d{4}", replaced);
        Assert.True(CountOf(replaced, TextPlaceholders.Phone) >= spans - 1, $"{CountOf(replaced, TextPlaceholders.Phone)} phones of {spans}");
        Assert.True(CountOf(replaced, TextPlaceholders.Email) >= spans - 1, $"{CountOf(replaced, TextPlaceholders.Email)} emails of {spans}");
        Assert.True(elapsed < TimeSpan.FromMilliseconds(200), $"{elapsed.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public void Ten_thousand_digits_and_spaces_are_searched_in_linear_time()
    {
        var input = string.Concat(Enumerable.Repeat("12 34 ", 1_667))[..10_000];

        var clock = Stopwatch.StartNew();
        TextPlaceholders.Apply(input);

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(200), $"{clock.Elapsed.TotalMilliseconds:0.0} ms");
    }

    private static int CountOf(string text, string placeholder) => (text.Length - text.Replace(placeholder, "", StringComparison.Ordinal).Length) / placeholder.Length;
}
