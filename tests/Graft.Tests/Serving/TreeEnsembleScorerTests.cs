using System.Globalization;
using Graft.Data;
using Graft.Data.Demo;
using Graft.Serving;
using Graft.Tests.Training;
using Graft.Training;
using Microsoft.ML.Data;

namespace Graft.Tests.Serving;

public class TreeEnsembleScorerTests
{
    private const string Spec = Graft.Testing.ToyData.Spec; // its data is made here, with a second number and missing values

    [Fact]
    public async Task Scores_and_contributions_match_mlnets_own_with_missing_values_going_where_each_split_sends_them()
    {
        var random = new Random(3);
        var lines = Enumerable.Range(0, 400).Select(i =>
        {
            var x = i % 10 == 0 ? "" : (random.NextDouble() * 10).ToString("0.###", CultureInfo.InvariantCulture);
            var y = random.NextDouble() * 5;
            var positive = double.Parse(x is "" ? "5" : x, CultureInfo.InvariantCulture) + y > 8 ^ random.NextDouble() < 0.1;
            return string.Create(CultureInfo.InvariantCulture, $"r{i},{x},{y:0.###},{(i % 3) switch { 0 => "red", 1 => "blue", _ => "green" }},{(positive ? "yes" : "no")}");
        });
        var csv = "id,x,y,colour,label\n" + string.Join("\n", lines);
        await using var temp = await TrainingScenario.CreateAsync(Spec, csv);

        var rows = await CompareAsync(temp, "toy", DelimitedFile.Read(System.Text.Encoding.UTF8.GetBytes(csv), "toy.csv"), contributions: true);

        Assert.Equal(40, rows.Count(r => r.Missing)); // and they were compared like the others
    }

    [Fact]
    public async Task Categorical_splits_score_as_mlnet_scores_them()
    {
        await using var temp = await Graft.Tests.Storage.TempHome.CreateAsync();
        var applied = await new Graft.UseCases.UseCaseCatalog(temp.Home).ApplyAsync(ChurnDemoData.SpecYaml, "churn.yaml", default);
        var path = Path.Combine(temp.Root, "customers.csv");
        await using (var writer = new StreamWriter(path))
        {
            ChurnDemoData.Write(writer, 1500, 5);
        }
        await new DatasetCatalog(temp.Home).ImportAsync(applied.UseCaseId, path, default);

        var rows = await CompareAsync(temp, applied.UseCaseId, DelimitedFile.Read(await File.ReadAllBytesAsync(path), "customers.csv"), contributions: false);

        Assert.Equal(1500, rows.Count);
    }

    /// <summary>
    /// Trains the use case, scores every row of <paramref name="frame"/> through ML.NET and through the trees, and
    /// asserts they agree (and, when asked, that every contribution ML.NET reports agrees too).
    /// </summary>
    private static async Task<List<(string? X, bool Missing)>> CompareAsync(Graft.Tests.Storage.TempHome temp, string useCase, Frame frame, bool contributions)
    {
        var result = await new TrainingRunner(temp.Home).RunAsync(new TrainingRequest(useCase), null, default);
        var version = result.Candidates.Single(c => c.Name == TrainerCatalog.LightGbm).Version!;
        var card = (await LoadedModel.LoadAsync(temp.Home, version, default)).Card;
        var (featurizer, predictor) = FeatureRow.Split(await TrainingScenario.LoadTransformerAsync(temp, version));
        var data = new ColumnarDataView([.. card.Inputs.Select(input => input.Kind == InputKind.Numeric
            ? (input.Column, (DataViewType)NumberDataViewType.Single, (Array)frame.Column(input.Field).Select(v => (float)TrainingTable.NumberOf(v, input.Type)).ToArray())
            : (input.Column, TextDataViewType.Instance, frame.Column(input.Field)))]);
        var scored = predictor.Transform(featurizer.Transform(data));
        // ML.NET hands out one buffer for every row of a vector column: each row is copied as it is read.
        var features = scored.GetColumn<VBuffer<float>>(Featurizer.Features).Select(v => v.DenseValues().ToArray()).ToList();
        var probabilities = scored.GetColumn<float>("Probability").ToList();
        var reported = scored.GetColumn<VBuffer<float>>(Explainer.Column).Select(v => v.Items().Where(c => c.Value != 0).ToArray()).ToList();
        var scorer = TreeEnsembleScorer.From(predictor)!;

        var rows = new List<(string? X, bool Missing)>();
        var (row, fromSparse) = (new float[scorer.Width], new float[scorer.Width]);
        for (var r = 0; r < features.Count; r++)
        {
            var mine = new double[features[r].Length];
            var identity = Enumerable.Range(0, mine.Length).ToArray();
            scorer.Load(new VBuffer<float>(features[r].Length, features[r]), row);
            var stored = Enumerable.Range(0, features[r].Length).Where(i => features[r][i] != 0).ToArray();
            scorer.Load(new VBuffer<float>(features[r].Length, stored.Length, [.. stored.Select(i => features[r][i])], stored), fromSparse);
            Assert.Equal(row, fromSparse); // the featurizer hands out either kind of vector
            rows.Add((frame.Names.Contains("x") ? frame.Column("x")[r] : null, features[r].Any(float.IsNaN)));
            Assert.Equal(probabilities[r], scorer.Score(row), 5);
            scorer.AddContributions(row, mine, identity);
            if (contributions)
            {
                Assert.NotEmpty(reported[r]); // every row moved away from the average somewhere
                foreach (var (slot, value) in reported[r])
                {
                    Assert.Equal(value, mine[slot], 1e-5 * Math.Max(1, Math.Abs(value))); // ML.NET keeps its ten largest each way, summed in float
                }
            }
        }
        return rows;
    }
}
