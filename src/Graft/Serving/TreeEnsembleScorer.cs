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
/// Contributions follow ML.NET's definition: at each split on the row's path, the split's feature gets the
/// row's leaf value minus the leaf value had the row gone the other way there. That other leaf comes from the same
/// bits: the leftmost leaf of the other side that no split inside it rules out. One difference, on purpose: at a
/// categorical split (a set of one-hot slots of one field) ML.NET's calculation reads the node as a numeric split
/// and may leave the row's true path; here the path is the one the row takes, and the delta goes to the field.
/// </para>
/// </summary>
internal sealed class TreeEnsembleScorer
{
    private const int MostLeaves = 64; // a tree's leaves are the bits of one ulong, its splits fewer

    private readonly TreeRowLayout _layout;
    private readonly int[] _roots; // tree t's splits are _splits[_roots[t]..], its root first
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
    private readonly record struct Split(int Slot, ulong LeftLeaves, ulong RightLeaves, ulong LeftSplits);

    /// <summary>A split as ML.NET's tree gives it, with its place in the compact row.</summary>
    private readonly record struct Node(int Place, float Threshold, int Left, int Right, float Missing, int Slot);

    private TreeEnsembleScorer(IReadOnlyList<(RegressionTree Tree, double Weight, float[]? Missing)> trees, double bias, PlattCalibrator? calibrator)
    {
        // Without defaults, ML.NET compares the missing value itself.
        static float MissingAt(float[]? missing, int node) => missing?[node] ?? float.NaN;
        _layout = new TreeRowLayout(
            trees.SelectMany(t => Enumerable.Range(0, t.Tree.NumberOfNodes).Where(n => !t.Tree.CategoricalSplitFlags[n]).Select(n => t.Tree.NumericalSplitFeatureIndexes[n])),
            trees.SelectMany(t => Enumerable.Range(0, t.Tree.NumberOfNodes).Where(n => t.Tree.CategoricalSplitFlags[n])
                .Select(n => (t.Tree.GetCategoricalSplitFeaturesAt(n).ToArray(), MissingAt(t.Missing, n)))));
        (_bias, _calibrator) = (bias, calibrator);
        _roots = new int[trees.Count];
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
            Plan(0, 0);

            // Numbers the leaves below node left to right and returns them as [first, end), with the splits below it
            // (node included); path holds the splits above node.
            (int First, int End, ulong Splits) Plan(int node, ulong path)
            {
                if (node < 0)
                {
                    _leaves[t * MostLeaves + position] = weight * tree.LeafValues[~node];
                    _pathTo[t * MostLeaves + position] = path;
                    return (position, ++position, 0);
                }
                var split = nodes[node];
                var (first, middle, leftSplits) = Plan(split.Left, path | (1UL << node));
                var (_, end, rightSplits) = Plan(split.Right, path | (1UL << node));
                var (leftLeaves, rightLeaves) = (Leaves(first, middle), Leaves(middle, end));
                _splits[root + node] = new Split(split.Slot, leftLeaves, rightLeaves, leftSplits);
                var condition = new Condition(split.Threshold, t, ~leftLeaves, node); // failing it rules out its left side
                conditions.Add((split.Place, condition));
                if (!(split.Missing <= split.Threshold))
                {
                    failedWhenMissing.Add((split.Place, condition));
                }
                return (first, end, leftSplits | rightSplits | (1UL << node));
            }
        }
        (_conditions, _conditionsOf) = Grouping.ByKey([.. conditions.OrderBy(c => c.Condition.Threshold)], Width);
        (_failedWhenMissing, _failedWhenMissingOf) = Grouping.ByKey(failedWhenMissing, Width);
    }

    /// <summary>How many places a compact row has.</summary>
    public int Width => _layout.Width;

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
    public void Load(in VBuffer<float> features, Span<float> row) => _layout.Load(features, row);

    /// <summary>The model's score for a compact row: a probability for binary models.</summary>
    public double Score(ReadOnlySpan<float> row) => Score(row, [], []);

    /// <summary>
    /// The model's score for a compact row, and, when <paramref name="sums"/> is not empty, each split's
    /// contribution on the row's path added to <paramref name="sums"/>[<paramref name="bucketOfSlot"/>[slot]]
    /// (buckets below zero are skipped). Contributions are in the model's raw (uncalibrated) units, as ML.NET
    /// gives them.
    /// </summary>
    public double Score(ReadOnlySpan<float> row, Span<double> sums, ReadOnlySpan<int> bucketOfSlot)
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
                AddContributions(t, leaf, reachable[t], failed[t], sums, bucketOfSlot);
            }
        }
        if (rented is not null)
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(rented);
        }
        return _calibrator is null ? raw : _calibrator.PredictProbability((float)raw);
    }

    /// <summary>
    /// Tree <paramref name="t"/>'s contributions for a row that reached <paramref name="leaf"/>, could reach
    /// <paramref name="reachable"/> and went right at <paramref name="failed"/>: at each split on its path, the
    /// leaf it reaches minus the leaf it would have reached going the other way there, which is the leftmost leaf
    /// of the other side that no failed split inside that side rules out.
    /// </summary>
    private void AddContributions(int t, int leaf, ulong reachable, ulong failed, Span<double> sums, ReadOnlySpan<int> bucketOfSlot)
    {
        var root = _roots[t];
        var leaves = _leaves.AsSpan(t * MostLeaves, MostLeaves);
        var path = _pathTo[t * MostLeaves + leaf];
        var value = leaves[leaf];
        for (var on = path; on != 0; on &= on - 1)
        {
            var node = BitOperations.TrailingZeroCount(on);
            ref readonly var split = ref _splits[root + node];
            ulong otherSide;
            if ((failed & (1UL << node)) == 0)
            {
                // The row went left: its right side's leaves were ruled out only by failed splits inside that side (a
                // split above whose left side holds this one passed, or the row would not be here), so the reachable
                // bits there are already the answer.
                otherSide = reachable & split.RightLeaves;
            }
            else
            {
                // The row went right, which ruled out the whole left side; only the failed splits inside it count.
                var left = split.LeftLeaves;
                for (var inside = failed & split.LeftSplits; inside != 0; inside &= inside - 1)
                {
                    left &= ~_splits[root + BitOperations.TrailingZeroCount(inside)].LeftLeaves;
                }
                otherSide = left;
            }
            if (split.Slot < bucketOfSlot.Length && bucketOfSlot[split.Slot] is var bucket and >= 0)
            {
                sums[bucket] += value - leaves[BitOperations.TrailingZeroCount(otherSide)];
            }
        }
    }

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
