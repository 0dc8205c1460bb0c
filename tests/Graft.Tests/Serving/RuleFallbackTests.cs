using Graft.Data;
using Graft.Serving;
using Graft.UseCases;

namespace Graft.Tests.Serving;

/// <summary>The rule must answer in serving as it was scored in training's baseline, or the gate measured another rule.</summary>
public class RuleFallbackTests
{
    private static readonly Dictionary<string, FieldType> DataFields = new() { ["x"] = FieldType.Number, ["active"] = FieldType.Boolean, ["plan"] = FieldType.Category };

    private static RuleFallback Fallback(string rule) => new(SpecReader.Parse(
        $"id: toy\ntitle: Toy\ntask: binary\ntarget: {{column: label, positive: 'yes'}}\nrule: \"{rule}\"\n", "s.yaml"), DataFields);

    [Theory]
    [InlineData(9, 0.3, "not yes")]
    [InlineData(1, 0.9, "yes")]
    public void A_rule_that_yields_a_number_in_0_1_is_a_score_cut_at_one_half(double x, double score, string label)
    {
        var answer = Fallback("case when x > 5 then 0.3 else 0.9 end").Answer(new Dictionary<string, InputValue> { ["x"] = InputValue.Of(x) }, null);

        Assert.Equal((label, score), (answer.Label, answer.Score));
    }

    [Theory]
    [InlineData("true", "yes")]
    [InlineData("false", "not yes")]
    [InlineData("1", "yes")]
    [InlineData("0", "not yes")]
    [InlineData("\"true\"", "yes")]
    public void A_boolean_field_is_a_boolean_to_the_rule_however_it_is_sent(string json, string label)
    {
        var value = System.Text.Json.JsonSerializer.Deserialize<InputValue>(json);
        var answer = Fallback("active == true").Answer(new Dictionary<string, InputValue> { ["active"] = value }, null);

        Assert.Equal(label, answer.Label);
    }

    [Fact]
    public void Numbers_sent_as_text_are_numbers_to_the_rule()
    {
        var answer = Fallback("x > 5").Answer(new Dictionary<string, InputValue> { ["x"] = InputValue.Of("12") }, null);

        Assert.Equal(("yes", 1.0), (answer.Label, answer.Score));
    }
}
