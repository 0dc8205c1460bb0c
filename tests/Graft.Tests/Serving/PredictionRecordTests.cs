using Graft.Serving;

namespace Graft.Tests.Serving;

public class PredictionRecordTests
{
    [Fact]
    public void The_log_keeps_an_answer_under_the_names_the_api_uses()
    {
        var binary = new ModelOutput("yes", 0.75, null, null, [new Contribution("tenure", -0.5)]);
        var multiclass = new ModelOutput("b", 0.6, new Dictionary<string, double> { ["a"] = 0.4, ["b"] = 0.6 }, null, []);
        var regression = new ModelOutput(null, null, null, 12.5, []);

        Assert.Equal("""{"label":"yes","score":0.75,"value":null,"explanation":[{"field":"tenure","value":-0.5}]}""", System.Text.Encoding.UTF8.GetString(PredictionRecord.OutputJsonOf(binary)));
        Assert.Equal("""{"label":"b","score":0.6,"scores":{"a":0.4,"b":0.6},"value":null,"explanation":[]}""", System.Text.Encoding.UTF8.GetString(PredictionRecord.OutputJsonOf(multiclass)));
        Assert.Equal("""{"label":null,"score":null,"value":12.5,"explanation":[]}""", System.Text.Encoding.UTF8.GetString(PredictionRecord.OutputJsonOf(regression)));
    }
}
