using Graft.Serving;

namespace Graft.Tests.Serving;

public class PredictionRecordTests
{
    [Fact]
    public void The_log_keeps_an_answer_under_the_names_the_api_uses_each_said_once()
    {
        var binary = new ModelOutput("yes", 0.75, null, null, [new Contribution("tenure", -0.5), new Contribution("plan", 0.25)]);
        var multiclass = new ModelOutput("b", 0.6, new Dictionary<string, double> { ["a"] = 0.4, ["b"] = 0.6 }, null, []);
        var regression = new ModelOutput(null, null, null, 12.5, [new Contribution("rooms", 3.125)]);
        var unscored = new ModelOutput("no", double.NaN, null, null, []);

        Assert.Equal("""{"label":"yes","score":0.75,"explanation":{"tenure":-0.5,"plan":0.25}}""", Text(binary));
        Assert.Equal("""{"label":"b","score":0.6,"scores":{"a":0.4,"b":0.6}}""", Text(multiclass));
        Assert.Equal("""{"value":12.5,"explanation":{"rooms":3.125}}""", Text(regression));
        Assert.Equal("""{"label":"no"}""", Text(unscored));
    }

    private static string Text(ModelOutput output) => System.Text.Encoding.UTF8.GetString(PredictionRecord.OutputJsonOf(output));
}
