using Graft.Audit;

namespace Graft.Tests.Audit;

public class SensitivePatternsTests
{
    [Theory]
    [InlineData("my NI number is AB123456C, thanks", "my NI number is <NATIONAL_ID>, thanks")]
    [InlineData("NI: JM 12 34 56 A", "NI: <NATIONAL_ID>")]
    [InlineData("SIN 046 454 286 on file", "SIN <NATIONAL_ID> on file")]
    [InlineData("SSN 123-45-6789.", "SSN <NATIONAL_ID>.")]
    [InlineData("write to ada@example.com", "write to <EMAIL>")]
    [InlineData("card 4111 1111 1111 1111 expired", "card <CARD> expired")]
    [InlineData("call +44 20 7946 0958 today", "call <PHONE> today")]
    [InlineData("Dr Jane Doe will call", "<PERSON> will call")]
    public void Personal_data_in_free_text_is_found_and_replaced_by_its_placeholder(string text, string replaced)
    {
        Assert.NotEqual(SensitiveKind.None, SensitivePatterns.Find(text));
        Assert.Equal(replaced, SensitivePatterns.Replace(text));
    }

    [Theory]
    [InlineData("How do I change my plan?")]
    [InlineData("order 123456 shipped on 2016-03-01")]
    [InlineData("invoice 4111111111111112")] // fails the Luhn check
    public void Text_without_personal_data_is_left_as_it_is(string text)
    {
        Assert.Equal(SensitiveKind.None, SensitivePatterns.Find(text));
        Assert.Same(text, SensitivePatterns.Replace(text));
    }
}
