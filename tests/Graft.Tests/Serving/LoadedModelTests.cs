using Graft.Testing;
using Graft.Registry;
using Graft.Serving;
using Graft.Tests.Training;

namespace Graft.Tests.Serving;

public class LoadedModelTests
{
    private const string Spec = ToyData.Spec;

    [Fact]
    public async Task A_single_row_is_scored_and_explained_by_the_field_that_decides_it()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(500));
        var result = await TrainingScenario.TrainAsync(temp, "toy");

        foreach (var version in result.Candidates.Skip(1).Select(c => c.Version!))
        {
            var model = await LoadedModel.LoadAsync(temp.Home, version, default);
            var high = model.Score(new Dictionary<string, object?> { ["x"] = 9.5, ["colour"] = "blue" });
            var low = model.Score(new Dictionary<string, object?> { ["x"] = "1.5", ["colour"] = "red" });

            Assert.True(high.Score > 0.7, $"{version}: {high.Score}");
            Assert.True(low.Score < 0.3, $"{version}: {low.Score}");
            Assert.Equal("yes", high.Label);
            Assert.Equal("no", low.Label);
            Assert.Equal("x", high.Explanation[0].Field);
            Assert.True(high.Explanation[0].Value > 0);
            Assert.True(low.Explanation.Single(c => c.Field == "x").Value < 0, $"{version}: {string.Join(", ", low.Explanation)} high: {string.Join(", ", high.Explanation)}");
        }
    }

    [Fact]
    public async Task A_linear_explanation_is_what_MLNETs_contribution_calculation_gives_summed_per_field()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(400));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var version = result.Candidates.Single(c => c.Name.StartsWith("linear", StringComparison.Ordinal)).Version!;
        var model = await LoadedModel.LoadAsync(temp.Home, version, default);
        var full = await TrainingScenario.LoadTransformerAsync(temp, version);

        foreach (var (x, colour) in new[] { (9.5f, "blue"), (1.5f, "red"), (5f, "green") })
        {
            var served = model.Score(new Dictionary<string, object?> { ["x"] = x, ["colour"] = colour });
            var expected = Contributions(full, model.Card, x, colour);
            Assert.Equal(expected.Count, served.Explanation.Count);
            foreach (var contribution in served.Explanation)
            {
                Assert.Equal(expected[contribution.Field], contribution.Value, 5);
            }
        }
    }

    /// <summary>The contribution column the trained pipeline itself carries, for one row, summed per field.</summary>
    private static Dictionary<string, double> Contributions(Microsoft.ML.ITransformer model, ModelCard card, float x, string colour)
    {
        var columns = card.Inputs.Select(i => (i.Column, i.Field == "x"
            ? (Microsoft.ML.Data.DataViewType)Microsoft.ML.Data.NumberDataViewType.Single : Microsoft.ML.Data.TextDataViewType.Instance,
            i.Field == "x" ? (Array)new[] { x } : new string?[] { colour })).ToList();
        var scored = model.Transform(new Graft.Training.ColumnarDataView(columns));
        var column = scored.Schema[Graft.Training.Explainer.Column];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<Microsoft.ML.Data.VBuffer<float>>(column);
        var slots = default(Microsoft.ML.Data.VBuffer<float>);
        Assert.True(cursor.MoveNext());
        getter(ref slots);
        var byField = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (slot, value) in slots.Items().Where(s => s.Value != 0))
        {
            var field = card.Features.Single(f => slot >= f.Start && slot < f.Start + f.Length).Field;
            byField[field] = byField.GetValueOrDefault(field) + value;
        }
        return byField;
    }

    [Fact]
    public async Task Rows_scored_from_a_file_and_the_same_values_sent_one_request_each_get_the_same_answers()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var frame = Graft.Data.DelimitedFile.Read(System.Text.Encoding.UTF8.GetBytes(ToyData.Csv(50, seed: 9)), "new.csv");

        foreach (var version in result.Candidates.Skip(1).Select(c => c.Version!))
        {
            var model = await LoadedModel.LoadAsync(temp.Home, version, default);
            var batch = BatchScorer.Score(model, frame);
            for (var r = 0; r < frame.RowCount; r++)
            {
                var single = model.Score(new Dictionary<string, object?> { ["x"] = frame.Column("x")[r], ["colour"] = frame.Column("colour")[r] }, explain: false);
                Assert.Equal(batch.Scores![r], single.Score!.Value, 5);
                Assert.Equal(batch.Labels![r], single.Label);
            }
        }
    }

    [Fact]
    public async Task A_request_row_scored_alone_gets_the_answer_and_explanation_it_gets_inside_a_batch()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        IReadOnlyDictionary<string, InputValue>[] rows =
        [
            new Dictionary<string, InputValue> { ["x"] = InputValue.Of(3.5), ["colour"] = InputValue.Of("red") },
            new Dictionary<string, InputValue> { ["x"] = InputValue.Of("7.25"), ["colour"] = InputValue.Of("NA") }, // a number as text, a missing category
            new Dictionary<string, InputValue> { ["colour"] = InputValue.Of("blue") },                                // x missing
            new Dictionary<string, InputValue> { ["x"] = InputValue.Of(true), ["colour"] = InputValue.Of("call +44 20 7946 0958") },
        ];

        foreach (var version in result.Candidates.Skip(1).Select(c => c.Version!))
        {
            var model = await LoadedModel.LoadAsync(temp.Home, version, default);
            var batch = BatchScorer.Score(model, rows, explain: true);
            for (var r = 0; r < rows.Length; r++)
            {
                var alone = BatchScorer.Score(model, [rows[r]], explain: true)[0];
                Assert.Equal((batch[r].Label, batch[r].Score), (alone.Label, alone.Score));
                Assert.Equal(batch[r].Explanation, alone.Explanation);
            }
        }
    }

    [Fact]
    public async Task Missing_inputs_are_scored_as_missing_values_not_errors()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var model = await LoadedModel.LoadAsync(temp.Home, result.Best!, default);

        var output = model.Score(new Dictionary<string, object?>());

        Assert.InRange(output.Score!.Value, 0, 1);
    }

    [Fact]
    public async Task Concurrent_scoring_gives_the_same_answers_as_sequential_scoring()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var model = await LoadedModel.LoadAsync(temp.Home, result.Best!, default);
        var rows = Enumerable.Range(0, 400).Select(i => new Dictionary<string, object?> { ["x"] = i % 100 / 10.0, ["colour"] = i % 2 == 0 ? "red" : "blue" }).ToList();
        var sequential = rows.Select(r => model.Score(r, explain: false).Score).ToList();

        var parallel = new double?[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = model.Score(rows[i], explain: false).Score);

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public async Task A_tampered_artifact_is_refused()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var version = await new ModelRegistry(temp.Home).GetAsync(result.Best!, default);
        var path = Path.Combine(temp.Root, "artifacts", version.ArtifactKey);
        var bytes = File.ReadAllBytes(path);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = await Assert.ThrowsAsync<GraftException>(() => LoadedModel.LoadAsync(temp.Home, result.Best!, default));

        Assert.Equal(FailureKind.Conflict, error.Kind);
        Assert.Contains("does not match the hash", error.Message);
    }
}
