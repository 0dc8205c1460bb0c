using System.Numerics;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Graft.Serving;

/// <summary>
/// A gradient-boosted tree model (binary, through its Platt calibrator, or regression) scored and explained
/// straight from its trees, with ML.NET's arithmetic, over the compact row of <see cref="TreeRowLayout"/>; a test
/// holds scores and contributions to ML.NET's answers.
/// <para>
/// Rows do not walk the trees. Walking costs one hard-to-predict branch per split, each waiting on the last
/// step's memory read. Instead (the QuickScorer method of Lucchese et al., 2015) each tree keeps a bit per leaf,
/// in left to right order, all set; every split the row fails (its value is above the threshold, so it goes
/// right) clears the leaves on its left; the row's leaf is then the leftmost one still set. A place's splits are
/// kept sorted by threshold, so a row finds the ones it fails by reading them in order until one it passes: a
/// run of independent, predictable steps.
/// </para>
/// <para>
/// Missing values follow ML.NET: at each split a missing value reads as the split's own default (LightGBM's
/// missing-value direction), which ML.NET keeps with the tree but does not publish; it is read by reflection,
/// and a model whose trees do not have it where expected is left to ML.NET.
/// </para>
/// <para>
/// Contributions follow the row's path (Saabas's method, the path-attribution that tree SHAP refines): every node
/// has a value, the mean of the leaves below it weighted by how many training rows reached each (equal weights
/// where none did, or when the cover is not known); at each split on the path, the split's feature gets the value
/// of the side the row takes minus the node's. Along a path these add up to the leaf's value minus the root's, so
/// a row's contributions plus <see cref="ExpectedRaw"/> (the bias and every root's value: the training rows'
/// mean raw score) are its raw score, exactly. At a categorical split (a set of one-hot slots of one field) the
/// path is the one the row takes, and the difference goes to the field. (ML.NET's own calculation gives each
/// split the row's leaf minus the leaf of the other way, which does not add up to the score.)
/// </para>
/// </summary>
internal sealed class TreeEnsembleScorer
{
    private const int MostLeaves = 64; // a tree's leaves are the bits of one ulong, its splits fewer

    private readonly TreeRowLayout _layout;
    private readonly int[] _roots; // tree t's splits are _splits[_roots[t]..], its root first
    private readonly int[] _leafCounts;
    private readonly Split[] _splits;
    private readonly double[] _leaves; // tree t's leaves left to right, times its weight, from t * MostLeaves
    private readonly ulong[] _pathTo; // the splits (by number within the tree) on the path to tree t's leaf l, at t * MostLeaves + l
    private readonly Condition[] _conditions; // per place, its splits by threshold, lowest first
    private readonly int[] _conditionsOf; // place p's are _conditions[_conditionsOf[p].._conditionsOf[p + 1]]
    private readonly Condition[] _failedWhenMissing; // per place, the splits a missing value there goes right at
    private readonly int[] _failedWhenMissingOf;
    private readonly double _bias;
    private readonly PlattCalibrator? _calibrator;

    /// <summary>
    /// A split as scoring sees it: a row whose value at its place is above the threshold keeps only
    /// <c>Leaves</c> of tree <c>Tree</c>; <c>Split</c> is the split's number within its tree.
    /// </summary>
    private readonly record struct Condition(float Threshold, int Tree, ulong Leaves, int Split);

    /// <summary>
    /// A split as explaining sees it: the leaves of each side, the splits (by number within the tree) on its left
    /// side, and the feature slot whose field its contribution goes to.
    /// </summary>
    private readonly record struct Split(int Slot, double Value, double Left, double Right);

    /// <summary>A split as ML.NET's tree gives it, with its place in the compact row.</summary>
    private readonly record struct Node(int Place, float Threshold, int Left, int Right, float Missing, int Slot);

    private TreeEnsembleScorer(IReadOnlyList<(RegressionTree Tree, double Weight, float[]? Missing)> trees, double bias, PlattCalibrator? calibrator,
        IReadOnlyList<int[]>? cover)
    {
        // Without defaults, ML.NET compares the missing value itself.
        static float MissingAt(float[]? missing, int node) => missing?[node] ?? float.NaN;
        _layout = new TreeRowLayout(
            trees.SelectMany(t => Enumerable.Range(0, t.Tree.NumberOfNodes).Where(n => !t.Tree.CategoricalSplitFlags[n]).Select(n => t.Tree.NumericalSplitFeatureIndexes[n])),
            trees.SelectMany(t => Enumerable.Range(0, t.Tree.NumberOfNodes).Where(n => t.Tree.CategoricalSplitFlags[n])
                .Select(n => (t.Tree.GetCategoricalSplitFeaturesAt(n).ToArray(), MissingAt(t.Missing, n)))));
        (_bias, _calibrator) = (bias, calibrator);
        ExpectedRaw = bias;
        _roots = new int[trees.Count];
        _leafCounts = new int[trees.Count];
        _splits = new Split[trees.Sum(t => t.Tree.NumberOfNodes)];
        _leaves = new double[trees.Count * MostLeaves];
        _pathTo = new ulong[trees.Count * MostLeaves];
        var (conditions, failedWhenMissing) = (new List<(int Place, Condition Condition)>(), new List<(int Place, Condition Condition)>());
        for (int t = 0, root = 0; t < trees.Count; root += trees[t].Tree.NumberOfNodes, t++)
        {
            var (tree, weight, missing) = trees[t];
            _roots[t] = root;
            // A categorical split's place holds 1 when the row goes right, never a missing value (the layout answers it
            // from the split's default), and its contribution goes to its first slot: a category's slots are one field's.
            var nodes = Enumerable.Range(0, tree.NumberOfNodes).Select(n => tree.CategoricalSplitFlags[n]
                ? new Node(_layout.PlaceOf([.. tree.GetCategoricalSplitFeaturesAt(n)], MissingAt(missing, n)), 0.5f, tree.LeftChild[n], tree.RightChild[n], 0,
                    tree.GetCategoricalSplitFeaturesAt(n)[0])
                : new Node(_layout.PlaceOf(tree.NumericalSplitFeatureIndexes[n]), tree.NumericalSplitThresholds[n], tree.LeftChild[n], tree.RightChild[n],
                    MissingAt(missing, n), tree.NumericalSplitFeatureIndexes[n])).ToList();
            var position = 0;
            var counts = cover is not null && cover.Count == trees.Count && cover[t].Length == tree.NumberOfNodes + 1 ? cover[t] : null;
            Plan(0, 0);
            _leafCounts[t] = position;
            ExpectedRaw += Mean(t, 0, position, counts);

            // Numbers the leaves below node left to right and returns them as [first, end); path holds the splits above node.
            (int First, int End) Plan(int node, ulong path)
            {
                if (node < 0)
                {
                    _leaves[t * MostLeaves + position] = weight * tree.LeafValues[~node];
                    _pathTo[t * MostLeaves + position] = path;
                    return (position, ++position);
                }
                var split = nodes[node];
                var (first, middle) = Plan(split.Left, path | (1UL << node));
                var (_, end) = Plan(split.Right, path | (1UL << node));
                var leftLeaves = Leaves(first, middle);
                _splits[root + node] = new Split(split.Slot, Mean(t, first, end, counts), Mean(t, first, middle, counts), Mean(t, middle, end, counts));
                var condition = new Condition(split.Threshold, t, ~leftLeaves, node); // failing it rules out its left side
                conditions.Add((split.Place, condition));
                if (!(split.Missing <= split.Threshold))
                {
                    failedWhenMissing.Add((split.Place, condition));
                }
                return (first, end);
            }
        }
        (_conditions, _conditionsOf) = Grouping.ByKey([.. conditions.OrderBy(c => c.Condition.Threshold)], Width);
        (_failedWhenMissing, _failedWhenMissingOf) = Grouping.ByKey(failedWhenMissing, Width);
    }

    /// <summary>
    /// The value of a node whose leaves are tree <paramref name="t"/>'s [first, end): their mean weighted by the training
    /// rows that reached each, or their plain mean when no count is known or none of them was reached.
    /// </summary>
    private double Mean(int t, int first, int end, int[]? counts)
    {
        long rows = 0;
        for (var l = first; counts is not null && l < end; l++)
        {
            rows += counts[l];
        }
        double sum = 0;
        for (var l = first; l < end; l++)
        {
            sum += _leaves[t * MostLeaves + l] * (rows > 0 ? counts![l] : 1);
        }
        return sum / (rows > 0 ? rows : end - first);
    }

    /// <summary>The raw score of an average training row: the bias plus each tree's root value. Contributions add up to a row's raw score from it.</summary>
    public double ExpectedRaw { get; }

    /// <summary>The binary calibration, raw score to probability, as 1 / (1 + exp(<c>Slope</c> × raw + <c>Offset</c>)); null for regression.</summary>
    public (double Slope, double Offset)? Calibration => _calibrator is null ? null : (_calibrator.Slope, _calibrator.Offset);

    /// <summary>How many places a compact row has.</summary>
    public int Width => _layout.Width;

    /// <summary>
    /// The scorer for a model's predicting part (its predictor first, as <see cref="FeatureRow.Split"/> gives it),
    /// or null when it is not a tree model this can score exactly.
    /// </summary>
    public static TreeEnsembleScorer? From(ITransformer predicting, IReadOnlyList<int[]>? cover = null)
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
        return new TreeEnsembleScorer(trees, ensemble.Bias, calibrator, cover);
    }

    /// <summary>Writes the compact row of a feature vector into <paramref name="row"/> (<see cref="Width"/> places).</summary>
    public void Load(in VBuffer<float> features, Span<float> row) => _layout.Load(features, row);

    /// <summary>The model's score for a compact row: a probability for binary models.</summary>
    public double Score(ReadOnlySpan<float> row) => Score(row, [], []);

    /// <summary>
    /// The model's score for a compact row (a probability for binary models), and, when <paramref name="sums"/> is
    /// not empty, each split's contribution on the row's path added to <paramref name="sums"/>[<paramref name="bucketOfSlot"/>[slot]]
    /// (buckets below zero are skipped). Contributions are in the model's raw (uncalibrated) units.
    /// </summary>
    public double Score(ReadOnlySpan<float> row, Span<double> sums, ReadOnlySpan<int> bucketOfSlot)
    {
        var raw = Raw(row, sums, bucketOfSlot);
        return _calibrator is null ? raw : _calibrator.PredictProbability((float)raw);
    }

    /// <summary>The raw score (before calibration) of a compact row, with contributions as <see cref="Score(ReadOnlySpan{float}, Span{double}, ReadOnlySpan{int})"/> adds them.</summary>
    public double Raw(ReadOnlySpan<float> row, Span<double> sums, ReadOnlySpan<int> bucketOfSlot)
    {
        var trees = _roots.Length;
        var explaining = !sums.IsEmpty;
        var width = explaining ? 2 * trees : trees;
        var rented = width > 512 ? System.Buffers.ArrayPool<ulong>.Shared.Rent(width) : null;
        var bits = rented is null ? stackalloc ulong[width] : rented.AsSpan(0, width);
        var reachable = bits[..trees];
        var failed = bits[trees..];
        Reach(row, reachable, failed);
        var raw = _bias;
        for (var t = 0; t < trees; t++)
        {
            var leaf = BitOperations.TrailingZeroCount(reachable[t]);
            raw += _leaves[t * MostLeaves + leaf];
            if (explaining)
            {
                AddContributions(t, leaf, failed[t], sums, bucketOfSlot);
            }
        }
        if (rented is not null)
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(rented);
        }
        return raw;
    }

    /// <summary>
    /// Tree <paramref name="t"/>'s contributions for a row that reached <paramref name="leaf"/> and went right at
    /// <paramref name="failed"/>: at each split on its path, the value of the side it took minus the split's own.
    /// </summary>
    private void AddContributions(int t, int leaf, ulong failed, Span<double> sums, ReadOnlySpan<int> bucketOfSlot)
    {
        var root = _roots[t];
        for (var on = _pathTo[t * MostLeaves + leaf]; on != 0; on &= on - 1)
        {
            var node = BitOperations.TrailingZeroCount(on);
            ref readonly var split = ref _splits[root + node];
            if (split.Slot < bucketOfSlot.Length && bucketOfSlot[split.Slot] is var bucket and >= 0)
            {
                sums[bucket] += ((failed & (1UL << node)) != 0 ? split.Right : split.Left) - split.Value;
            }
        }
    }

    /// <summary>Adds one to <paramref name="counts"/>[t][leaf] for the leaf of each tree <paramref name="row"/> reaches: the cover <see cref="From"/> weighs node values by.</summary>
    public void CountLeaves(ReadOnlySpan<float> row, int[][] counts)
    {
        Span<ulong> reachable = _roots.Length <= 512 ? stackalloc ulong[_roots.Length] : new ulong[_roots.Length];
        Reach(row, reachable, []);
        for (var t = 0; t < _roots.Length; t++)
        {
            counts[t][BitOperations.TrailingZeroCount(reachable[t])]++;
        }
    }

    /// <summary>Per tree, one count per leaf, all zero: what <see cref="CountLeaves"/> fills.</summary>
    public int[][] NewCounts() => [.. _leafCounts.Select(leaves => new int[leaves])];

    /// <summary>
    /// Sets each tree's leaves the row can reach in <paramref name="reachable"/>, and, when <paramref name="failed"/>
    /// is not empty, the splits (by number within the tree) the row goes right at.
    /// </summary>
    private void Reach(ReadOnlySpan<float> row, Span<ulong> reachable, Span<ulong> failed)
    {
        reachable.Fill(ulong.MaxValue);
        failed.Clear();
        var tracking = !failed.IsEmpty;
        var (conditions, of) = (_conditions, _conditionsOf);
        for (var p = 0; p < row.Length; p++)
        {
            var value = row[p];
            var (run, at) = float.IsNaN(value) ? (_failedWhenMissing, _failedWhenMissingOf) : (conditions, of);
            for (var k = at[p]; k < at[p + 1] && !(run[k].Threshold >= value); k++) // a missing value passes no test: its whole run applies
            {
                reachable[run[k].Tree] &= run[k].Leaves;
                if (tracking)
                {
                    failed[run[k].Tree] |= 1UL << run[k].Split;
                }
            }
        }
    }

    /// <summary>The bits of leaves [first, end).</summary>
    private static ulong Leaves(int first, int end) => (end - first == MostLeaves ? ulong.MaxValue : (1UL << (end - first)) - 1) << first;

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
