using System.Globalization;
using Graft.Data;
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
    public async Task Scores_match_mlnets_own_and_contributions_add_up_to_the_raw_score_with_missing_values_going_where_each_split_sends_them()
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

        var rows = Compare(card, featurizer, predictor, DelimitedFile.Read(System.Text.Encoding.UTF8.GetBytes(csv), "toy.csv"));

        Assert.Equal(40, rows.Count(r => r.Missing)); // and they were compared like the others
        Assert.All(rows, r => Assert.NotEqual(0, r.Contributions.Sum(Math.Abs))); // every row moved away from the average somewhere
    }

    [Fact]
    public async Task Node_values_weighed_by_the_training_cover_give_the_walked_path_contributions_and_a_base_of_the_mean_raw_score()
    {
        var (temp, frame) = await TrainingScenario.DemoAsync(1500, 5);
        await using var _ = temp;
        var (card, featurizer, predictor) = await TrainAsync(temp, "churn-risk");
        var ensemble = ((Microsoft.ML.Calibrators.CalibratedModelParametersBase<Microsoft.ML.Trainers.LightGbm.LightGbmBinaryModelParameters, Microsoft.ML.Calibrators.PlattCalibrator>)
            ((ISingleFeaturePredictionTransformer<object>)Explainer.Flatten(predictor).First()).Model).SubModel.TrainedTreeEnsemble;
        var features = featurizer.Transform(Data(card, frame)).GetColumn<VBuffer<float>>(Featurizer.Features)
            .Select(v => v.DenseValues().ToArray()).Where(f => !f.Any(float.IsNaN)).ToList();
        Assert.True(features.Count > 1000);

        var plain = TreeEnsembleScorer.From(predictor)!;
        var counts = plain.NewCounts();
        var row = new float[plain.Width];
        foreach (var f in features)
        {
            plain.Load(new VBuffer<float>(f.Length, f), row);
            plain.CountLeaves(row, counts);
        }
        var covered = TreeEnsembleScorer.From(predictor, counts)!;
        var walk = new PathWalk(ensemble, features);

        Assert.Equal(walk.MeanRaw, covered.ExpectedRaw, 1e-9); // the base is what an average training row scores
        var identity = Enumerable.Range(0, features[0].Length).ToArray();
        foreach (var f in features.Take(300))
        {
            var mine = new double[f.Length];
            covered.Load(new VBuffer<float>(f.Length, f), row);
            var raw = covered.Raw(row, mine, identity);
            var expected = walk.Contributions(f);
            for (var slot = 0; slot < f.Length; slot++)
            {
                Assert.Equal(expected[slot], mine[slot], 1e-9);
            }
            Assert.Equal(raw, covered.ExpectedRaw + mine.Sum(), 1e-9);
        }
    }

    [Fact]
    public async Task Categorical_splits_score_as_mlnet_scores_them_and_explain_along_the_rows_true_path()
    {
        var (temp, frame) = await TrainingScenario.DemoAsync(1500, 5);
        await using var _ = temp;
        var (card, featurizer, _) = await TrainAsync(temp, "churn-risk");

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

        var rows = Compare(card, featurizer, predictor, frame);

        // ML.NET's own contributions read a categorical split as a numeric one; these follow the row's true path.
        var walked = rows.Where(r => !r.Features.Any(float.IsNaN)).ToList();
        Assert.True(walked.Count > 1000);
        var walk = new PathWalk(predictor.Model.SubModel.TrainedTreeEnsemble, null); // no cover given: every leaf weighs the same
        foreach (var row in walked)
        {
            var expected = walk.Contributions(row.Features);
            for (var slot = 0; slot < expected.Length; slot++)
            {
                Assert.Equal(expected[slot], row.Contributions[slot], 1e-9);
            }
        }
    }

    /// <summary>The use case's LightGBM version: its card, featurizer and predicting part.</summary>
    private static async Task<(ModelCard Card, Microsoft.ML.ITransformer Featurizer, Microsoft.ML.ITransformer Predictor)> TrainAsync(Graft.Tests.Storage.TempHome temp, string useCase)
    {
        var result = await new TrainingRunner(temp.Home).RunAsync(new TrainingRequest(useCase), Testing.TestActors.Tester, null, default);
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
    /// Scores every row of <paramref name="frame"/> through ML.NET and through the trees, and asserts they agree and
    /// that each row's contributions plus the base are its raw score.
    /// </summary>
    private static List<(string? X, bool Missing, float[] Features, double[] Contributions)> Compare(ModelCard card, Microsoft.ML.ITransformer featurizer, Microsoft.ML.ITransformer predictor, Frame frame)
    {
        var scored = predictor.Transform(featurizer.Transform(Data(card, frame)));
        // ML.NET hands out one buffer for every row of a vector column: each row is copied as it is read.
        var features = scored.GetColumn<VBuffer<float>>(Featurizer.Features).Select(v => v.DenseValues().ToArray()).ToList();
        var probabilities = scored.GetColumn<float>("Probability").ToList();
        var rawScores = scored.GetColumn<float>("Score").ToList();
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
            var raw = scorer.Raw(row, [], []);
            Assert.Equal(rawScores[r], raw, 1e-5 * Math.Max(1, Math.Abs(raw))); // ML.NET sums its raw score in float
            Assert.Equal(raw, scorer.ExpectedRaw + mine.Sum(), 1e-9);
            rows.Add((frame.Names.Contains("x") ? frame.Column("x")[r] : null, features[r].Any(float.IsNaN), features[r], mine));
        }
        return rows;
    }

    /// <summary>
    /// The known answer, from ML.NET's trees alone, for rows without missing values: each node's value is the mean
    /// of its leaves weighted by how many of <paramref name="rows"/> reached each (all alike without rows), and each
    /// split on a row's path credits its slot (a categorical split's first) with the value of the side taken minus its own.
    /// </summary>
    private sealed class PathWalk(Microsoft.ML.Trainers.FastTree.TreeEnsemble<Microsoft.ML.Trainers.FastTree.RegressionTree> ensemble, IReadOnlyList<float[]>? rows)
    {
        private readonly Dictionary<int, double[]> _counts = Count(ensemble, rows);

        public double MeanRaw => rows!.Average(f => ensemble.Bias + ensemble.Trees.Select((tree, t) => tree.NumberOfNodes == 0 ? 0 : ensemble.TreeWeights[t] * tree.LeafValues[Leaf(tree, 0, f)]).Sum());

        public double[] Contributions(float[] features)
        {
            var sums = new double[features.Length];
            for (var t = 0; t < ensemble.Trees.Count; t++)
            {
                var tree = ensemble.Trees[t];
                for (var node = 0; tree.NumberOfNodes > 0 && node >= 0; node = Next(tree, node, features))
                {
                    var slot = tree.CategoricalSplitFlags[node] ? tree.GetCategoricalSplitFeaturesAt(node)[0] : tree.NumericalSplitFeatureIndexes[node];
                    sums[slot] += ensemble.TreeWeights[t] * (Value(t, Next(tree, node, features)) - Value(t, node));
                }
            }
            return sums;
        }

        private double Value(int t, int node)
        {
            var leaves = LeavesBelow(ensemble.Trees[t], node).ToList();
            var weights = leaves.Select(l => _counts.TryGetValue(t, out var c) ? c[l] : 0).ToList();
            var total = weights.Sum();
            return total > 0
                ? leaves.Select((l, i) => weights[i] * ensemble.Trees[t].LeafValues[l]).Sum() / total
                : leaves.Average(l => ensemble.Trees[t].LeafValues[l]);
        }

        private static IEnumerable<int> LeavesBelow(Microsoft.ML.Trainers.FastTree.RegressionTree tree, int node) =>
            node < 0 ? [~node] : LeavesBelow(tree, tree.LeftChild[node]).Concat(LeavesBelow(tree, tree.RightChild[node]));

        private static int Next(Microsoft.ML.Trainers.FastTree.RegressionTree tree, int node, float[] features) =>
            (tree.CategoricalSplitFlags[node]
                ? tree.GetCategoricalSplitFeaturesAt(node).ToArray().Any(slot => features[slot] > 0)
                : features[tree.NumericalSplitFeatureIndexes[node]] > tree.NumericalSplitThresholds[node])
            ? tree.RightChild[node] : tree.LeftChild[node];

        private static int Leaf(Microsoft.ML.Trainers.FastTree.RegressionTree tree, int node, float[] features)
        {
            while (node >= 0)
            {
                node = Next(tree, node, features);
            }
            return ~node;
        }

        private static Dictionary<int, double[]> Count(Microsoft.ML.Trainers.FastTree.TreeEnsemble<Microsoft.ML.Trainers.FastTree.RegressionTree> ensemble, IReadOnlyList<float[]>? rows)
        {
            var counts = new Dictionary<int, double[]>();
            for (var t = 0; rows is not null && t < ensemble.Trees.Count; t++)
            {
                if (ensemble.Trees[t].NumberOfNodes == 0)
                {
                    continue;
                }
                counts[t] = new double[ensemble.Trees[t].NumberOfNodes + 1];
                foreach (var f in rows)
                {
                    counts[t][Leaf(ensemble.Trees[t], 0, f)]++;
                }
            }
            return counts;
        }
    }
}
