using System.Globalization;
using Graft.Data;
using Graft.Data.Demo;
using Graft.Serving;
using Graft.Tests.Training;
using Graft.Registry;
using Graft.Training;
using Microsoft.ML;
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

        var (card, featurizer, predictor) = await TrainAsync(temp, "toy");

        var rows = Compare(card, featurizer, predictor, DelimitedFile.Read(System.Text.Encoding.UTF8.GetBytes(csv), "toy.csv"), contributions: true);

        Assert.Equal(40, rows.Count(r => r.Missing)); // and they were compared like the others
    }

    [Fact]
    public async Task Categorical_splits_score_as_mlnet_scores_them_and_explain_along_the_rows_true_path()
    {
        await using var temp = await Graft.Tests.Storage.TempHome.CreateAsync();
        var applied = await new Graft.UseCases.UseCaseCatalog(temp.Home).ApplyAsync(ChurnDemoData.SpecYaml, "churn.yaml", default);
        var path = Path.Combine(temp.Root, "customers.csv");
        await using (var writer = new StreamWriter(path))
        {
            ChurnDemoData.Write(writer, 1500, 5);
        }
        await new DatasetCatalog(temp.Home).ImportAsync(applied.UseCaseId, path, default);
        var frame = DelimitedFile.Read(await File.ReadAllBytesAsync(path), "customers.csv");
        var (card, featurizer, _) = await TrainAsync(temp, applied.UseCaseId);

        // LightGBM splits on categories only above 50,000 rows unless told to: tell it, on the trained featurizer's output.
        var ml = new Microsoft.ML.MLContext(seed: 1);
        var labelled = featurizer.Transform(Data(card, frame, ("Label", BooleanDataViewType.Instance, frame.Column("churned").Select(v => v == "Yes").ToArray())));
        var predictor = ml.BinaryClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options
        {
            UseCategoricalSplit = true, MinimumExampleCountPerGroup = 10, NumberOfLeaves = 15, NumberOfIterations = 60,
            FeatureColumnName = Featurizer.Features, Seed = 1, Silent = true, Verbose = false,
        }).Fit(labelled);
        var trees = predictor.Model.SubModel.TrainedTreeEnsemble.Trees;
        Assert.Contains(trees, tree => tree.CategoricalSplitFlags.Any(flag => flag)); // else this test tests nothing
        Assert.True(trees.Count(tree => tree.CategoricalSplitFlags.Any(flag => flag)) >= 10);

        var rows = Compare(card, featurizer, predictor, frame, contributions: false);

        // ML.NET's own contributions read a categorical split as a numeric one; these follow the row's true path.
        var walked = rows.Where(r => !r.Features.Any(float.IsNaN)).ToList();
        Assert.True(walked.Count > 1000);
        foreach (var row in walked)
        {
            var expected = WalkedContributions(predictor.Model.SubModel.TrainedTreeEnsemble, row.Features);
            for (var slot = 0; slot < expected.Length; slot++)
            {
                Assert.Equal(expected[slot], row.Contributions[slot], 1e-9);
            }
        }
    }

    /// <summary>
    /// The known answer for a row without missing values: walk each tree, and at every split on the way credit its
    /// slot (a categorical split's first) with the row's leaf minus the leaf it reaches by turning the other way there.
    /// </summary>
    private static double[] WalkedContributions(Microsoft.ML.Trainers.FastTree.TreeEnsemble<Microsoft.ML.Trainers.FastTree.RegressionTree> ensemble, float[] features)
    {
        var sums = new double[features.Length];
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.NumberOfNodes == 0)
            {
                continue;
            }
            bool Right(int node) => tree.CategoricalSplitFlags[node]
                ? tree.GetCategoricalSplitFeaturesAt(node).ToArray().Any(slot => features[slot] > 0)
                : features[tree.NumericalSplitFeatureIndexes[node]] > tree.NumericalSplitThresholds[node];
            int Next(int node, bool right) => right ? tree.RightChild[node] : tree.LeftChild[node];
            double LeafFrom(int node)
            {
                while (node >= 0)
                {
                    node = Next(node, Right(node));
                }
                return tree.LeafValues[~node];
            }
            var value = LeafFrom(0);
            for (var node = 0; node >= 0; node = Next(node, Right(node)))
            {
                var slot = tree.CategoricalSplitFlags[node] ? tree.GetCategoricalSplitFeaturesAt(node)[0] : tree.NumericalSplitFeatureIndexes[node];
                sums[slot] += ensemble.TreeWeights[t] * (value - LeafFrom(Next(node, !Right(node))));
            }
        }
        return sums;
    }

    /// <summary>The use case's LightGBM version: its card, featurizer and predicting part.</summary>
    private static async Task<(ModelCard Card, Microsoft.ML.ITransformer Featurizer, Microsoft.ML.ITransformer Predictor)> TrainAsync(Graft.Tests.Storage.TempHome temp, string useCase)
    {
        var result = await new TrainingRunner(temp.Home).RunAsync(new TrainingRequest(useCase), null, default);
        var version = result.Candidates.Single(c => c.Name == TrainerCatalog.LightGbm).Version!;
        var card = (await LoadedModel.LoadAsync(temp.Home, version, default)).Card;
        var (featurizer, predictor) = FeatureRow.Split(await TrainingScenario.LoadTransformerAsync(temp, version));
        return (card, featurizer, predictor);
    }

    /// <summary>The model's input columns of every row of <paramref name="frame"/>, and any <paramref name="extra"/> ones.</summary>
    private static ColumnarDataView Data(ModelCard card, Frame frame, params (string, DataViewType, Array)[] extra) =>
        new([.. card.Inputs.Select(input => input.Kind == InputKind.Numeric
            ? (input.Column, (DataViewType)NumberDataViewType.Single, (Array)frame.Column(input.Field).Select(v => (float)TrainingTable.NumberOf(v, input.Type)).ToArray())
            : (input.Column, TextDataViewType.Instance, frame.Column(input.Field))), .. extra]);

    /// <summary>
    /// Scores every row of <paramref name="frame"/> through ML.NET and through the trees, and asserts they agree
    /// (and, when asked, that every contribution ML.NET reports agrees too).
    /// </summary>
    private static List<(string? X, bool Missing, float[] Features, double[] Contributions)> Compare(ModelCard card, Microsoft.ML.ITransformer featurizer, Microsoft.ML.ITransformer predictor, Frame frame, bool contributions)
    {
        var scored = predictor.Transform(featurizer.Transform(Data(card, frame)));
        // ML.NET hands out one buffer for every row of a vector column: each row is copied as it is read.
        var features = scored.GetColumn<VBuffer<float>>(Featurizer.Features).Select(v => v.DenseValues().ToArray()).ToList();
        var probabilities = scored.GetColumn<float>("Probability").ToList();
        var reported = contributions
            ? scored.GetColumn<VBuffer<float>>(Explainer.Column).Select(v => v.Items().Where(c => c.Value != 0).ToArray()).ToList()
            : null;
        var scorer = TreeEnsembleScorer.From(predictor)!;
        var rows = new List<(string? X, bool Missing, float[] Features, double[] Contributions)>();
        var (row, fromSparse) = (new float[scorer.Width], new float[scorer.Width]);
        for (var r = 0; r < features.Count; r++)
        {
            var mine = new double[features[r].Length];
            var identity = Enumerable.Range(0, mine.Length).ToArray();
            scorer.Load(new VBuffer<float>(features[r].Length, features[r]), row);
            var stored = Enumerable.Range(0, features[r].Length).Where(i => features[r][i] != 0).ToArray();
            scorer.Load(new VBuffer<float>(features[r].Length, stored.Length, [.. stored.Select(i => features[r][i])], stored), fromSparse);
            Assert.Equal(row, fromSparse); // the featurizer hands out either kind of vector
            Assert.Equal(probabilities[r], scorer.Score(row), 5);
            Assert.Equal(scorer.Score(row), scorer.Score(row, mine, identity)); // explaining changes no score
            rows.Add((frame.Names.Contains("x") ? frame.Column("x")[r] : null, features[r].Any(float.IsNaN), features[r], mine));
            if (reported is not null)
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
