using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;

namespace Graft.Serving;

/// <summary>
/// A gradient-boosted tree model (binary, through its Platt calibrator, or regression) scored and explained
/// straight from its trees over a dense feature vector. ML.NET's own path walks a tree through method calls
/// and searches, and its contribution calculation sorts every tree's deltas; this is the same arithmetic in
/// flat arrays, several times faster. Contributions follow ML.NET's definition: at each split on the row's
/// path, the split's feature gets the row's leaf value minus the leaf value had the row gone the other way
/// there; a test holds scores and contributions to ML.NET's answers. One difference, on purpose: at a
/// categorical split (a set of one-hot slots of one field) ML.NET's calculation reads the node as a numeric
/// split and may leave the row's true path; here the path is the one the row takes, and the delta goes to the
/// field. Rows with a missing value at a split are left to ML.NET, which knows each split's default for them.
/// </summary>
internal sealed class TreeEnsembleScorer
{
    private readonly Node[] _nodes; // every tree's splits, one after another; a tree's root is its first
    private readonly int[] _roots;
    private readonly double[] _weights;
    private readonly double[] _leaves; // every tree's leaf values, one after another
    private readonly int[][] _categories; // the slots of each categorical split, which its node points to
    private readonly double _bias;
    private readonly PlattCalibrator? _calibrator;

    /// <summary>
    /// One split, packed so that a step down a tree reads one place in memory. A child below zero is a leaf
    /// (<c>~child</c> indexes the leaf values); a feature below zero is a categorical split (<c>~feature</c>
    /// indexes its slots), which sends the row right if any of its slots is above zero.
    /// </summary>
    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);

    private TreeEnsembleScorer(IReadOnlyList<(RegressionTree Tree, double Weight)> trees, double bias, PlattCalibrator? calibrator)
    {
        var nodes = new List<Node>();
        var leaves = new List<double>();
        var categories = new List<int[]>();
        _roots = new int[trees.Count];
        _weights = [.. trees.Select(t => t.Weight)];
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t].Tree;
            var (nodeBase, leafBase) = (nodes.Count, leaves.Count);
            _roots[t] = nodeBase;
            int Child(int child) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                var feature = tree.NumericalSplitFeatureIndexes[n];
                if (tree.CategoricalSplitFlags[n])
                {
                    categories.Add([.. tree.GetCategoricalSplitFeaturesAt(n)]);
                    feature = ~(categories.Count - 1);
                }
                nodes.Add(new Node(feature, tree.NumericalSplitThresholds[n], Child(tree.LeftChild[n]), Child(tree.RightChild[n])));
            }
            leaves.AddRange(tree.LeafValues);
        }
        (_nodes, _leaves, _categories, _bias, _calibrator) = ([.. nodes], [.. leaves], [.. categories], bias, calibrator);
    }

    /// <summary>
    /// The scorer for a model's predicting part (its predictor first, as <see cref="FeatureRow.Split"/> gives it),
    /// or null when it is not a tree model this can score exactly.
    /// </summary>
    public static TreeEnsembleScorer? From(ITransformer predicting)
    {
        var model = (Training.Explainer.Flatten(predicting).First() as ISingleFeaturePredictionTransformer<object>)?.Model;
        var (inner, calibration) = Training.Explainer.Unwrap(model);
        var calibrator = calibration as PlattCalibrator;
        var trees = (inner as TreeEnsembleModelParametersBasedOnRegressionTree)?.TrainedTreeEnsemble;
        if (trees is null || (model is CalibratedModelParametersBase && calibrator is null))
        {
            return null;
        }
        // A tree with no split adds nothing, in ML.NET as here.
        return new TreeEnsembleScorer([.. trees.Trees.Select((t, i) => (t, trees.TreeWeights[i])).Where(t => t.t.NumberOfNodes > 0)], trees.Bias, calibrator);
    }

    /// <summary>The model's score (a probability for binary models), or null when a split meets a missing value.</summary>
    public double? Score(ReadOnlySpan<float> features)
    {
        var raw = _bias;
        for (var t = 0; t < _roots.Length; t++)
        {
            var leaf = LeafFrom(features, _roots[t]);
            if (leaf < 0)
            {
                return null;
            }
            raw += _weights[t] * _leaves[leaf];
        }
        return _calibrator is null ? raw : _calibrator.PredictProbability((float)raw);
    }

    /// <summary>
    /// Adds each split's contribution on the row's path to <paramref name="sums"/>[<paramref name="bucketOfSlot"/>[feature]]
    /// (buckets below zero are skipped); false, with the sums unchanged, when a split meets a missing value.
    /// Contributions are in the model's raw (uncalibrated) units, as ML.NET gives them.
    /// </summary>
    public bool AddContributions(ReadOnlySpan<float> features, Span<double> sums, ReadOnlySpan<int> bucketOfSlot)
    {
        Span<double> pending = stackalloc double[sums.Length];
        for (var t = 0; t < _roots.Length; t++)
        {
            var leaf = LeafFrom(features, _roots[t]);
            if (leaf < 0)
            {
                return false;
            }
            for (var node = _roots[t]; node >= 0;)
            {
                var split = _nodes[node];
                var way = Way(features, split);
                var (next, other) = way > 0 ? (split.Left, split.Right) : (split.Right, split.Left);
                var ghost = LeafFrom(features, other);
                if (way < 0 || ghost < 0)
                {
                    return false;
                }
                var feature = split.Feature >= 0 ? split.Feature : _categories[~split.Feature][0]; // a category's slots are one field's
                if (feature < bucketOfSlot.Length && bucketOfSlot[feature] is var bucket and >= 0)
                {
                    pending[bucket] += _weights[t] * (_leaves[leaf] - _leaves[ghost]);
                }
                node = next;
            }
        }
        for (var b = 0; b < sums.Length; b++)
        {
            sums[b] += pending[b];
        }
        return true;
    }

    /// <summary>The leaf reached from <paramref name="node"/> (a leaf already if below zero), or -1 at a missing value.</summary>
    private int LeafFrom(ReadOnlySpan<float> features, int node)
    {
        var nodes = _nodes;
        while (node >= 0)
        {
            var split = nodes[node];
            if (split.Feature >= 0)
            {
                var value = features[split.Feature];
                if (float.IsNaN(value))
                {
                    return -1;
                }
                node = value <= split.Threshold ? split.Left : split.Right;
            }
            else
            {
                var way = Way(features, split);
                if (way < 0)
                {
                    return -1;
                }
                node = way > 0 ? split.Left : split.Right;
            }
        }
        return ~node;
    }

    /// <summary>Which way the row goes at a split: 1 left, 0 right, -1 when the value it reads is missing.</summary>
    private int Way(ReadOnlySpan<float> features, Node split)
    {
        if (split.Feature >= 0)
        {
            var value = features[split.Feature];
            return float.IsNaN(value) ? -1 : value <= split.Threshold ? 1 : 0;
        }
        foreach (var slot in _categories[~split.Feature])
        {
            var category = features[slot];
            if (float.IsNaN(category))
            {
                return -1;
            }
            if (category > 0)
            {
                return 0;
            }
        }
        return 1;
    }
}
