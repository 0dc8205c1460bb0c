using Graft.Registry;
using Graft.Serving;
using Graft.Tests.Training;

namespace Graft.Tests.Serving;

public class LoadedModelTests
{
    private const string Spec = """
        id: toy
        title: Toy
        task: binary
        target: { column: label, positive: "yes" }
        entity: id
        rule: "colour == 'red'"
        """;

    [Fact]
    public async Task A_single_row_is_scored_and_explained_by_the_field_that_decides_it()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, TrainingScenario.Separable(500));
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
    public async Task Batch_scoring_and_single_row_scoring_agree_row_for_row()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, TrainingScenario.Separable(300));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var frame = Graft.Data.DelimitedFile.Read(System.Text.Encoding.UTF8.GetBytes(TrainingScenario.Separable(50, seed: 9)), "new.csv");

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
    public async Task Missing_inputs_are_scored_as_missing_values_not_errors()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, TrainingScenario.Separable(300));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var model = await LoadedModel.LoadAsync(temp.Home, result.Best!, default);

        var output = model.Score(new Dictionary<string, object?>());

        Assert.InRange(output.Score!.Value, 0, 1);
    }

    [Fact]
    public async Task Concurrent_scoring_gives_the_same_answers_as_sequential_scoring()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, TrainingScenario.Separable(300));
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
        await using var temp = await TrainingScenario.CreateAsync(Spec, TrainingScenario.Separable(300));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var version = await new ModelRegistry(temp.Home).GetAsync(result.Best!, default);
        var path = Path.Combine(temp.Root, "artifacts", version.ArtifactKey);
        var bytes = File.ReadAllBytes(path);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => LoadedModel.LoadAsync(temp.Home, result.Best!, default));

        Assert.Contains("does not match the hash", error.Message);
    }
}
