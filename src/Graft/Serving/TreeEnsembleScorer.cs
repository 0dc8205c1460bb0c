using System.Numerics;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Graft.Serving;

/// <summary>
/// A gradient-boosted tree model (binary, through its Platt calibrator, or regression) scored and explained
/// straight from its trees, with ML.NET's arithmetic; a test holds scores and contributions to ML.NET's answers.
/// <para>
/// Trees read a compact row (<see cref="Load"/>): only the feature slots some split reads, plus one place per
/// categorical split holding which way the row goes there, so every split is a number against a threshold.
/// </para>
/// <para>
/// Scores do not walk the trees. Walking costs one hard-to-predict branch per split, waiting on each step's
/// memory read. Instead (the QuickScorer method of Lucchese et al., 2015) each tree keeps a bit per leaf, in left
/// to right order, all set; every split the row fails (its value is above the threshold, so the row goes right)
/// clears the leaves of its left side; the row's leaf is then the leftmost one still set. A place's splits are
/// kept sorted by threshold, so a row finds the splits it fails by reading them in order until one it passes:
/// a run of independent, predictable steps.
/// </para>
/// <para>
/// Missing values follow ML.NET: at each split, a missing value reads as the split's own default (LightGBM's
/// missing-value direction), which ML.NET keeps with the tree but does not publish; it is read by reflection,
/// and a model whose trees do not have it where expected is left to ML.NET.
/// </para>
/// <para>
/// Contributions follow ML.NET's definition: at each split on the row's path, the split's feature gets the
/// row's leaf value minus the leaf value had the row gone the other way there. One difference, on purpose: at a
/// categorical split (a set of one-hot slots of one field) ML.NET's calculation reads the node as a numeric split
/// and may leave the row's true path; here the path is the one the row takes, and the delta goes to the field.
/// </para>
/// </summary>
internal sealed class TreeEnsembleScorer
{
    private const int MostLeaves = 64; // a tree's leaves are the bits of one ulong

    // For walking the trees, to explain a row.
    private readonly Node[] _nodes; // every tree's splits, one after another; a tree's root is its first
    private readonly int[] _explainedSlot; // per split: the feature slot whose field its contribution goes to
    private readonly int[] _roots;
    private readonly double[] _leaves; // every tree's leaf values, times the tree's weight, one after another

    // For scoring.
    private readonly Condition[] _conditions; // per place, its splits by threshold, lowest first
    private readonly int[] _conditionsOf; // place p's splits are _conditions[_conditionsOf[p].._conditionsOf[p + 1]]
    private readonly Condition[] _failedWhenMissing; // per place, the splits a missing value there goes right at
    private readonly int[] _failedWhenMissingOf;
    private readonly double[] _leafInOrder; // tree t's leaves left to right, times its weight, from t * MostLeaves

    private readonly int[] _placeOfSlot; // feature slot → its place in a compact row, or -1 when no numeric split reads it
    private readonly int[] _slotOfPlace;
    private readonly float[] _categoryMissing; // per categorical place (after the slots' places): what a missing value reads as
    private readonly int[] _categoriesOfSlot; // slot s is one of categories _categoriesOfSlot[_categoriesOfSlotAt[s].._categoriesOfSlotAt[s + 1]]
    private readonly int[] _categoriesOfSlotAt;
    private readonly int[] _categorySlots; // every slot some category has
    private readonly double _bias;
    private readonly PlattCalibrator? _calibrator;

    /// <summary>
    /// One split, packed so that a step down a tree reads one place in memory. A child below zero is a leaf
    /// (<c>~child</c> indexes the leaf values). The row goes left when the value at <c>Place</c> is at most the
    /// threshold; a missing value reads as <c>Missing</c>.
    /// </summary>
    private readonly record struct Node(int Place, float Threshold, int Left, int Right, float Missing);

    /// <summary>A split as the scorer sees it: a row whose value is above the threshold keeps only <c>Leaves</c> of the tree.</summary>
    private readonly record struct Condition(float Threshold, int Tree, ulong Leaves);

    private TreeEnsembleScorer(IReadOnlyList<(RegressionTree Tree, double Weight, float[]? Missing)> trees, double bias, PlattCalibrator? calibrator)
    {
        var read = trees.SelectMany(t => Enumerable.Range(0, t.Tree.NumberOfNodes).Where(n => !t.Tree.CategoricalSplitFlags[n])
            .Select(n => t.Tree.NumericalSplitFeatureIndexes[n]));
        _slotOfPlace = [.. read.Distinct().Order()];
        _placeOfSlot = new int[_slotOfPlace.Length == 0 ? 0 : _slotOfPlace[^1] + 1];
        Array.Fill(_placeOfSlot, -1);
        for (var p = 0; p < _slotOfPlace.Length; p++)
        {
            _placeOfSlot[_slotOfPlace[p]] = p;
        }
        var categoryPlaces = new Dictionary<string, int>(StringComparer.Ordinal); // trees ask the same question again and again
        var categories = new List<(int[] Slots, float Missing)>();
        int CategoryPlace(int[] slots, float missing)
        {
            var key = string.Join(',', slots) + ";" + missing.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            if (!categoryPlaces.TryGetValue(key, out var place))
            {
                categoryPlaces[key] = place = _slotOfPlace.Length + categories.Count;
                categories.Add((slots, missing));
            }
            return place;
        }

        var (nodes, explained, leaves) = (new List<Node>(), new List<int>(), new List<double>());
        _roots = new int[trees.Count];
        _leafInOrder = new double[trees.Count * MostLeaves];
        for (var t = 0; t < trees.Count; t++)
        {
            var (tree, weight, missing) = trees[t];
            var (nodeBase, leafBase) = (nodes.Count, leaves.Count);
            _roots[t] = nodeBase;
            int Child(int child) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                var (left, right) = (Child(tree.LeftChild[n]), Child(tree.RightChild[n]));
                var orMissing = missing?[n] ?? float.NaN; // without defaults, ML.NET compares the missing value itself
                if (tree.CategoricalSplitFlags[n])
                {
                    var slots = tree.GetCategoricalSplitFeaturesAt(n).ToArray();
                    nodes.Add(new Node(CategoryPlace(slots, orMissing), 0.5f, left, right, float.NaN)); // its place holds 1 when the row goes right
                    explained.Add(slots[0]); // a category's slots are one field's
                }
                else
                {
                    nodes.Add(new Node(_placeOfSlot[tree.NumericalSplitFeatureIndexes[n]], tree.NumericalSplitThresholds[n], left, right, orMissing));
                    explained.Add(tree.NumericalSplitFeatureIndexes[n]);
                }
            }
            leaves.AddRange(tree.LeafValues.Select(v => weight * v));
        }
        (_nodes, _explainedSlot, _leaves) = ([.. nodes], [.. explained], [.. leaves]);
        (_bias, _calibrator) = (bias, calibrator);
        Width = _slotOfPlace.Length + categories.Count;
        _categoryMissing = [.. categories.Select(c => c.Missing)];
        var ofSlot = categories.SelectMany((c, index) => c.Slots.Select(slot => (Slot: slot, Category: index))).ToList();
        _categorySlots = [.. ofSlot.Select(p => p.Slot).Distinct().Order()];
        (_categoriesOfSlot, _categoriesOfSlotAt) = Grouped(ofSlot, _categorySlots.Length == 0 ? 0 : _categorySlots[^1] + 1);

        var (conditions, failedWhenMissing) = (new List<(int Place, Condition Condition)>(), new List<(int Place, Condition Condition)>());
        for (var t = 0; t < _roots.Length; t++)
        {
            var position = 0;
            Plan(_roots[t]);

            // Numbers the tree's leaves left to right; returns the positions of the leaves below node as [first, end).
            (int First, int End) Plan(int node)
            {
                if (node < 0)
                {
                    _leafInOrder[t * MostLeaves + position] = _leaves[~node];
                    return (position, ++position);
                }
                var split = _nodes[node];
                var (first, middle) = Plan(split.Left);
                var (_, end) = Plan(split.Right);
                var condition = new Condition(split.Threshold, t, ~(((1UL << (middle - first)) - 1) << first)); // failing it rules out its left side
                conditions.Add((split.Place, condition));
                if (!(split.Missing <= split.Threshold))
                {
                    failedWhenMissing.Add((split.Place, condition));
                }
                return (first, end);
            }
        }
        (_conditions, _conditionsOf) = Grouped([.. conditions.OrderBy(c => c.Condition.Threshold)], Width);
        (_failedWhenMissing, _failedWhenMissingOf) = Grouped(failedWhenMissing, Width);
    }

    /// <summary>How many places a compact row has.</summary>
    public int Width { get; }

    /// <summary>
    /// The scorer for a model's predicting part (its predictor first, as <see cref="FeatureRow.Split"/> gives it),
    /// or null when it is not a tree model this can score exactly.
    /// </summary>
    public static TreeEnsembleScorer? From(ITransformer predicting)
    {
        var model = (Training.Explainer.Flatten(predicting).First() as ISingleFeaturePredictionTransformer<object>)?.Model;
        var (inner, calibration) = Training.Explainer.Unwrap(model);
        var calibrator = calibration as PlattCalibrator;
        var ensemble = (inner as TreeEnsembleModelParametersBasedOnRegressionTree)?.TrainedTreeEnsemble;
        if (ensemble is null || (model is CalibratedModelParametersBase && calibrator is null))
        {
            return null;
        }
        var trees = new List<(RegressionTree, double, float[]?)>();
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.NumberOfNodes == 0)
            {
                continue; // a tree with no split adds nothing, in ML.NET as here
            }
            if (tree.NumberOfNodes + 1 > MostLeaves || !TryMissingDefaults(tree, out var missing))
            {
                return null;
            }
            trees.Add((tree, ensemble.TreeWeights[t], missing));
        }
        return new TreeEnsembleScorer(trees, ensemble.Bias, calibrator);
    }

    /// <summary>Writes the compact row of a feature vector into <paramref name="row"/> (<see cref="Width"/> places).</summary>
    public void Load(in VBuffer<float> features, Span<float> row)
    {
        row = row[..Width];
        row.Clear();
        var values = features.GetValues();
        if (features.IsDense)
        {
            for (var p = 0; p < _slotOfPlace.Length; p++)
            {
                row[p] = _slotOfPlace[p] < values.Length ? values[_slotOfPlace[p]] : 0;
            }
            foreach (var slot in _categorySlots)
            {
                Categorize(slot, slot < values.Length ? values[slot] : 0, row);
            }
            return;
        }
        var indices = features.GetIndices();
        var places = _placeOfSlot;
        for (var k = 0; k < values.Length; k++)
        {
            var slot = indices[k];
            if ((uint)slot < (uint)places.Length && places[slot] is var place and >= 0)
            {
                row[place] = values[k];
            }
            Categorize(slot, values[k], row);
        }
    }

    /// <summary>
    /// Answers, in <paramref name="row"/>, the categorical splits <paramref name="slot"/> is one of: a row goes right
    /// at one when any of its slots is above zero, a missing value reading as the split's default. Every place
    /// starts at 0 (left), so a slot at zero changes nothing.
    /// </summary>
    private void Categorize(int slot, float value, Span<float> row)
    {
        if (value == 0 || (uint)slot >= (uint)_categoriesOfSlotAt.Length - 1)
        {
            return;
        }
        for (var k = _categoriesOfSlotAt[slot]; k < _categoriesOfSlotAt[slot + 1]; k++)
        {
            var category = _categoriesOfSlot[k];
            if ((float.IsNaN(value) ? _categoryMissing[category] : value) > 0)
            {
                row[_slotOfPlace.Length + category] = 1;
            }
        }
    }

    /// <summary>The model's score for a compact row: a probability for binary models.</summary>
    public double Score(ReadOnlySpan<float> row)
    {
        var trees = _roots.Length;
        var rented = trees > 512 ? System.Buffers.ArrayPool<ulong>.Shared.Rent(trees) : null;
        var reachable = rented is null ? stackalloc ulong[trees] : rented.AsSpan(0, trees);
        reachable.Fill(ulong.MaxValue);
        var (conditions, of) = (_conditions, _conditionsOf);
        for (var p = 0; p < Width; p++)
        {
            var value = row[p];
            if (float.IsNaN(value))
            {
                for (var k = _failedWhenMissingOf[p]; k < _failedWhenMissingOf[p + 1]; k++)
                {
                    reachable[_failedWhenMissing[k].Tree] &= _failedWhenMissing[k].Leaves;
                }
                continue;
            }
            for (var k = of[p]; k < of[p + 1] && conditions[k].Threshold < value; k++)
            {
                reachable[conditions[k].Tree] &= conditions[k].Leaves;
            }
        }
        var raw = _bias;
        for (var t = 0; t < trees; t++)
        {
            raw += _leafInOrder[t * MostLeaves + BitOperations.TrailingZeroCount(reachable[t])];
        }
        if (rented is not null)
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(rented);
        }
        return _calibrator is null ? raw : _calibrator.PredictProbability((float)raw);
    }

    /// <summary>
    /// Adds each split's contribution on the row's path to <paramref name="sums"/>[<paramref name="bucketOfSlot"/>[slot]]
    /// (buckets below zero are skipped). Contributions are in the model's raw (uncalibrated) units, as ML.NET gives them.
    /// </summary>
    public void AddContributions(ReadOnlySpan<float> row, Span<double> sums, ReadOnlySpan<int> bucketOfSlot)
    {
        foreach (var root in _roots)
        {
            var leaf = LeafFrom(row, root);
            for (var node = root; node >= 0;)
            {
                var split = _nodes[node];
                var (next, other) = GoesLeft(row, split) ? (split.Left, split.Right) : (split.Right, split.Left);
                if (_explainedSlot[node] is var slot && slot < bucketOfSlot.Length && bucketOfSlot[slot] is var bucket and >= 0)
                {
                    sums[bucket] += _leaves[leaf] - _leaves[LeafFrom(row, other)];
                }
                node = next;
            }
        }
    }

    /// <summary>The leaf reached from <paramref name="node"/> (a leaf already if below zero).</summary>
    private int LeafFrom(ReadOnlySpan<float> row, int node)
    {
        while (node >= 0)
        {
            var split = _nodes[node];
            node = GoesLeft(row, split) ? split.Left : split.Right;
        }
        return ~node;
    }

    private static bool GoesLeft(ReadOnlySpan<float> row, Node split)
    {
        var value = row[split.Place];
        return (float.IsNaN(value) ? split.Missing : value) <= split.Threshold;
    }

    /// <summary>
    /// Items grouped by key, keeping their order within a key: key k's are <c>Items[At[k]..At[k + 1]]</c>.
    /// </summary>
    private static (T[] Items, int[] At) Grouped<T>(List<(int Key, T Item)> items, int keys)
    {
        var at = new int[keys + 1];
        foreach (var (key, _) in items)
        {
            at[key + 1]++;
        }
        for (var k = 0; k < keys; k++)
        {
            at[k + 1] += at[k];
        }
        var grouped = new T[items.Count];
        var next = at[..keys];
        foreach (var (key, item) in items)
        {
            grouped[next[key]++] = item;
        }
        return (grouped, at);
    }

    /// <summary>
    /// The value each split reads for a missing one (LightGBM's missing-value direction, as ML.NET converted it),
    /// from ML.NET's internal tree; null when the tree has none, so a missing value is compared as it is. False
    /// when ML.NET's tree is not shaped as expected, so the model cannot be scored exactly here.
    /// </summary>
    private static bool TryMissingDefaults(RegressionTree tree, out float[]? missing)
    {
        missing = null;
        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var declaring = tree.GetType();
        while (declaring is not null && declaring.GetField("_tree", Instance | BindingFlags.DeclaredOnly) is null)
        {
            declaring = declaring.BaseType;
        }
        var inner = declaring?.GetField("_tree", Instance | BindingFlags.DeclaredOnly)!.GetValue(tree);
        var field = inner?.GetType().GetField("DefaultValueForMissing", Instance);
        if (field is null || field.FieldType != typeof(float[]))
        {
            return false;
        }
        missing = (float[]?)field.GetValue(inner);
        return missing is null || missing.Length >= tree.NumberOfNodes;
    }
}
