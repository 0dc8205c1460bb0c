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
    private readonly Tree[] _trees;
    private readonly double _bias;
    private readonly PlattCalibrator? _calibrator;

    private TreeEnsembleScorer(Tree[] trees, double bias, PlattCalibrator? calibrator)
    {
        _trees = trees;
        _bias = bias;
        _calibrator = calibrator;
    }

    /// <summary>
    /// The scorer for a model's predicting part (its predictor first, as <see cref="FeatureRow.Split"/> gives it),
    /// or null when it is not a tree model this can score exactly.
    /// </summary>
    public static TreeEnsembleScorer? From(ITransformer predicting)
    {
        var model = (Training.Explainer.Flatten(predicting).First() as ISingleFeaturePredictionTransformer<object>)?.Model;
        // A calibrated binary model holds the trees and the calibrator; ML.NET types the pair by its concrete
        // model, so they are read by name, as Explainer reads a calibrated linear model's weights.
        var calibrator = model is CalibratedModelParametersBase ? Property(model, "Calibrator") as PlattCalibrator : null;
        var inner = model is CalibratedModelParametersBase ? Property(model, "SubModel") : model;
        var trees = (inner as TreeEnsembleModelParametersBasedOnRegressionTree)?.TrainedTreeEnsemble;
        if (trees is null || (model is CalibratedModelParametersBase && calibrator is null))
        {
            return null;
        }
        // A tree with no split adds nothing, in ML.NET as here.
        var split = trees.Trees.Select((t, i) => (Tree: t, Weight: trees.TreeWeights[i])).Where(t => t.Tree.NumberOfNodes > 0);
        return new TreeEnsembleScorer([.. split.Select(t => new Tree(t.Tree, t.Weight))], trees.Bias, calibrator);
    }

    // Derived types redeclare the pair's properties with their own types, so there may be several of a name.
    private static object? Property(object model, string name) =>
        model.GetType().GetProperties().Where(p => p.Name == name).Select(p => p.GetValue(model)).FirstOrDefault(v => v is not null);

    /// <summary>The model's score (a probability for binary models), or null when a split meets a missing value.</summary>
    public double? Score(ReadOnlySpan<float> features)
    {
        var raw = _bias;
        foreach (var tree in _trees)
        {
            if (tree.Leaf(features, 0) is not { } leaf)
            {
                return null;
            }
            raw += tree.Weight * tree.Values[leaf];
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
        foreach (var tree in _trees)
        {
            if (tree.Leaf(features, 0) is not { } leaf)
            {
                return false;
            }
            for (var node = 0; node >= 0;)
            {
                if (tree.GoesLeft(features, node) is not { } left)
                {
                    return false;
                }
                var (next, other) = left ? (tree.Left[node], tree.Right[node]) : (tree.Right[node], tree.Left[node]);
                if (tree.Leaf(features, other) is not { } ghost)
                {
                    return false;
                }
                var feature = tree.Feature[node];
                if (feature < bucketOfSlot.Length && bucketOfSlot[feature] is var bucket and >= 0)
                {
                    pending[bucket] += tree.Weight * (tree.Values[leaf] - tree.Values[ghost]);
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

    /// <summary>One tree in flat arrays. Children below zero are leaves (<c>~child</c> is the leaf's index).</summary>
    private sealed class Tree
    {
        public readonly int[] Left;
        public readonly int[] Right;
        public readonly int[] Feature; // for a categorical split, its first slot: all its slots are one field's
        public readonly float[] Threshold;
        public readonly int[]?[] Categories; // a categorical split's slots: the row goes right if any is above zero
        public readonly double[] Values;
        public readonly double Weight;

        public Tree(RegressionTree tree, double weight)
        {
            Left = [.. tree.LeftChild];
            Right = [.. tree.RightChild];
            Threshold = [.. tree.NumericalSplitThresholds];
            Values = [.. tree.LeafValues];
            Weight = weight;
            Categories = [.. Enumerable.Range(0, Left.Length).Select(n => tree.CategoricalSplitFlags[n] ? tree.GetCategoricalSplitFeaturesAt(n).ToArray() : null)];
            Feature = [.. Enumerable.Range(0, Left.Length).Select(n => Categories[n] is [var first, ..] ? first : tree.NumericalSplitFeatureIndexes[n])];
        }

        /// <summary>The leaf reached from <paramref name="node"/> (a leaf already if below zero), or null at a missing value.</summary>
        public int? Leaf(ReadOnlySpan<float> features, int node)
        {
            while (node >= 0)
            {
                if (GoesLeft(features, node) is not { } left)
                {
                    return null;
                }
                node = left ? Left[node] : Right[node];
            }
            return ~node;
        }

        /// <summary>Which way the row goes at a split, or null when the value it reads is missing.</summary>
        public bool? GoesLeft(ReadOnlySpan<float> features, int node)
        {
            if (Categories[node] is { } slots)
            {
                foreach (var slot in slots)
                {
                    var category = features[slot];
                    if (float.IsNaN(category))
                    {
                        return null;
                    }
                    if (category > 0)
                    {
                        return false;
                    }
                }
                return true;
            }
            var value = features[Feature[node]];
            return float.IsNaN(value) ? null : value <= Threshold[node];
        }
    }
}
