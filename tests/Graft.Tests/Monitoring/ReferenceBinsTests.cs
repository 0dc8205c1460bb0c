using Graft.Monitoring;

namespace Graft.Tests.Monitoring;

/// <summary>How the log writer's counting reads each form a value can take in the log's JSON.</summary>
public class ReferenceBinsTests
{
    private static readonly ReferenceProfile Reference = new(
        [
            ReferenceProfile.Categorical("plan", ["basic", "basic", "pro", "3", "true"]),
            ReferenceProfile.Numeric("x", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        ],
        ReferenceProfile.Numeric("score", [0.1, 0.5, 0.9]));

    private static WindowSummary Count(params string[] inputs)
    {
        var bins = new ReferenceBins(Reference);
        var summary = new WindowSummary();
        foreach (var json in inputs)
        {
            bins.Count(System.Text.Encoding.UTF8.GetBytes(json), "{\"score\":0.5}"u8, summary);
        }
        return summary;
    }

    private static long Bin(WindowSummary summary, string category)
    {
        var categories = Reference.Inputs[0].Categories;
        var i = Array.IndexOf(categories, category);
        return summary.Fields["plan"].Bins[i < 0 ? categories.Length : i];
    }

    [Fact]
    public void A_category_is_read_as_training_read_it_whether_sent_as_text_number_or_boolean_and_escaped_names_are_found()
    {
        var summary = Count("""{"plan":"pro","x":2}""", """{"plan":3,"x":2}""", """{"plan":true}""", """{"pl\u0061n":"b\u0061sic"}""", """{"plan":"Pro"}""");

        Assert.Equal((1L, 1L, 1L, 1L), (Bin(summary, "pro"), Bin(summary, "3"), Bin(summary, "true"), Bin(summary, "basic")));
        Assert.Equal(1, summary.Fields["plan"].Bins[^1]); // "Pro" is none of them: the others
        Assert.Equal((0L, 3L), (summary.Fields["plan"].Missing, summary.Fields["x"].Missing));
    }

    [Fact]
    public void A_text_longer_than_any_category_counts_as_the_others_and_a_structured_value_as_missing()
    {
        var summary = Count($$"""{"plan":"{{new string('b', 5_000)}}"}""", """{"plan":{"a":1},"x":[1]}""", """{"plan":null,"x":"7.5"}""");

        Assert.Equal(1, summary.Fields["plan"].Bins[^1]);
        Assert.Equal((2L, 2L), (summary.Fields["plan"].Missing, summary.Fields["x"].Missing));
        Assert.Equal(1, summary.Fields["x"].Bins.Sum()); // "7.5" read as the number it holds
    }
}
