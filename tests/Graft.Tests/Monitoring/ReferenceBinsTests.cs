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

    [Fact]
    public void Counting_an_answer_from_the_values_it_was_logged_from_gives_what_counting_its_logged_json_gives()
    {
        var reference = new ReferenceProfile(
            [
                ReferenceProfile.Categorical("plan", ["basic", "pro", "3", "true", "1E+21", "0.1"]),
                ReferenceProfile.Numeric("x", [.. Enumerable.Range(0, 50).Select(i => i * 0.37)]),
                ReferenceProfile.Numeric("note", [5, 12, 30, 80]) with { Measure = FieldDistribution.Length },
            ],
            ReferenceProfile.Numeric("score", [0.1, 0.5, 0.9]));
        var bins = new ReferenceBins(reference);
        var (fromJson, fromValues) = (new WindowSummary(), new WindowSummary());
        var (jsonTarget, valuesTarget) = (bins.Into(fromJson), bins.Into(fromValues));
        var random = new Random(5);
        Graft.Serving.InputValue Any() => random.Next(9) switch
        {
            0 => Graft.Serving.InputValue.Null,
            1 => Graft.Serving.InputValue.Of(random.Next(2) == 0),
            2 => Graft.Serving.InputValue.Of(new[] { 3, 1e21, 0.1, -0.0, 1e-7, 123456789.125, 9.5e15 }[random.Next(7)]),
            3 => Graft.Serving.InputValue.Of(random.NextDouble() * 20 - 1),
            4 => Graft.Serving.InputValue.Of(new[] { "basic", "pro", "Pro", "3", "true", "", "7.25", " 4", "1e3" }[random.Next(9)]),
            5 => Graft.Serving.InputValue.Of(new string('w', random.Next(0, 300))),
            _ => Graft.Serving.InputValue.Of(Math.Round(random.NextDouble() * 18, random.Next(4))),
        };
        for (var n = 0; n < 3000; n++)
        {
            var fields = new[] { "plan", "x", "note", "other" }.Where(_ => random.Next(5) > 0).ToList();
            var inputs = fields.Select(f => new Graft.Serving.LoggedValue(f, Any())).ToArray();
            var score = random.Next(10) == 0 ? (double?)null : Math.Round(random.NextDouble(), 7);
            var output = new Graft.Serving.ModelOutput(score is null ? null : "yes", score, null, score is null ? random.NextDouble() : null, []);
            var warnings = random.Next(3) == 0 ? [new Graft.Serving.InputWarning("plan", "unseen_category", "…"), new Graft.Serving.InputWarning("x", "out_of_range", "…")] : Array.Empty<Graft.Serving.InputWarning>();

            var json = new System.IO.MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(json))
            {
                writer.WriteStartObject();
                foreach (var (field, value) in inputs)
                {
                    writer.WritePropertyName(field);
                    value.WriteTo(writer);
                }
                writer.WriteEndObject();
            }
            bins.Count(json.ToArray(), Graft.Serving.PredictionRecord.OutputJsonOf(output, warnings), jsonTarget);
            bins.Count(new Graft.Serving.LoggedAnswer(inputs, output, warnings), valuesTarget);
        }

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(fromJson), System.Text.Json.JsonSerializer.Serialize(fromValues));
        Assert.True(fromValues.Fields["plan"].Bins.Take(6).All(b => b > 0), "every category was met: " + string.Join(",", fromValues.Fields["plan"].Bins));
        Assert.True(fromValues.Fields["note"].Present > 100 && fromValues.Fields["x"].Missing > 100 && fromValues.Warnings.Count == 2);
    }
}
