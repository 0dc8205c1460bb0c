using System.Globalization;
using Graft.Serving;
using Graft.Testing;
using Graft.Tests.Training;

namespace Graft.Tests.Serving;

public class FeatureEncoderTests
{
    [Fact]
    public async Task The_demo_models_featurizers_are_evaluated_by_graft_and_every_answer_and_explanation_is_what_mlnet_gives()
    {
        var (temp, frame) = await TrainingScenario.DemoAsync(1500, 5);
        await using var _ = temp;
        var result = await TrainingScenario.TrainAsync(temp, "churn-risk");
        var random = new Random(11);
        var rows = Enumerable.Range(0, 600).Select(r => Varied(frame.Names.ToDictionary(f => f, f => (object?)frame.Column(f)[r], StringComparer.Ordinal), random)).ToList();

        foreach (var version in result.Candidates.Where(c => c.Name != "rule").Select(c => c.Version!))
        {
            var (own, mlnet) = await BothAsync(temp, version);
            Assert.True(own.EncodesItself, version);
            Assert.False(mlnet.EncodesItself);

            var batch = own.Score(InputColumns.From(own.Card, rows, InputValues.Number, InputValues.Text), explain: true);
            var expected = mlnet.Score(InputColumns.From(mlnet.Card, rows, InputValues.Number, InputValues.Text), explain: true);
            for (var r = 0; r < rows.Count; r++)
            {
                var single = own.Score(rows[r].ToDictionary(p => p.Key, p => p.Value is string s ? InputValue.Of(s) : InputValue.Null, StringComparer.Ordinal), explain: true);
                AssertSame(expected[r], batch[r], $"{version} row {r}");
                AssertSame(expected[r], single, $"{version} row {r}, alone");
            }
        }
    }

    [Fact]
    public async Task A_model_that_reads_free_text_keeps_mlnets_featurizer()
    {
        await using var temp = await TrainingScenario.CreateAsync(ToyData.Spec + "\nfields: { note: { type: text } }\n", ToyData.Csv(400, withContact: true));
        var result = await TrainingScenario.TrainAsync(temp, "toy");

        foreach (var version in result.Candidates.Where(c => c.Name != "rule").Select(c => c.Version!))
        {
            var model = await LoadedModel.LoadAsync(temp.Home, version, default);
            Assert.Contains(model.Card.Inputs, i => i.Kind == Graft.Training.InputKind.Text);
            Assert.False(model.EncodesItself, version);
            Assert.InRange(model.Score(new Dictionary<string, object?> { ["x"] = 9.5, ["colour"] = "blue", ["note"] = "please call back" }).Score!.Value, 0.5, 1);
        }
    }

    /// <summary>A demo row with, now and then, a value missing, a number far outside training, or a category training never saw.</summary>
    private static Dictionary<string, object?> Varied(Dictionary<string, object?> row, Random random)
    {
        foreach (var field in row.Keys.ToList())
        {
            row[field] = random.Next(12) switch
            {
                0 => null,
                1 => double.TryParse(row[field] as string, CultureInfo.InvariantCulture, out var x) ? (x * 40 + 1000).ToString(CultureInfo.InvariantCulture) : "Privat",
                2 => double.TryParse(row[field] as string, CultureInfo.InvariantCulture, out var y) ? (-y - 7.25).ToString(CultureInfo.InvariantCulture) : "",
                _ => row[field],
            };
        }
        return row;
    }

    private static void AssertSame(ModelOutput expected, ModelOutput actual, string what)
    {
        Assert.Equal(expected.Label, actual.Label);
        Assert.True(Math.Abs(expected.Score!.Value - actual.Score!.Value) <= 1e-6, $"{what}: {expected.Score} against {actual.Score}");
        Assert.Equal(expected.Explanation.Select(c => c.Field), actual.Explanation.Select(c => c.Field));
        foreach (var (e, a) in expected.Explanation.Zip(actual.Explanation))
        {
            Assert.True(Math.Abs(e.Value - a.Value) <= 1e-5, $"{what}: {e.Field} {e.Value} against {a.Value}");
        }
        Assert.Equal(expected.ExplanationBase, actual.ExplanationBase);
        Assert.Equal(expected.ExplanationOther ?? 0, actual.ExplanationOther ?? 0, 5);
    }

    /// <summary>A version loaded twice: as served (Graft's encoder where it has one) and through ML.NET's featurizer alone.</summary>
    private static async Task<(LoadedModel Own, LoadedModel Mlnet)> BothAsync(Graft.Tests.Storage.TempHome temp, string version)
    {
        var card = (await LoadedModel.LoadAsync(temp.Home, version, default)).Card;
        var artifact = await TrainingScenario.ArtifactAsync(temp, version);
        return (LoadedModel.Load(card, artifact), LoadedModel.Load(card, artifact, encode: false));
    }
}
