using Graft.Training.Evaluation;

namespace Graft.ModelTests;

/// <summary>
/// Where the model does worst, found without being named (as Deepchecks' weak-segment check): every value or band of
/// each field, and every pair of them across two fields, with at least <c>min_slice_rows</c> test rows, ranked by how far
/// the spec's metric there falls below the model's overall value. A pair is kept only when it is worse than each of
/// its conditions alone, so a weak field does not fill the list with its pairings.
/// </summary>
public static class WeakSegmentSearch
{
    public const int Top = 5;

    /// <summary>Fields searched at most: pairs grow with the square, and the first fields (the model's inputs in order) are the ones it reads.</summary>
    public const int MaxFields = 20;

    /// <summary>
    /// A binary segment needs this many rows of each class: with three positives among 200 rows an ROC AUC of 0.1 is
    /// one unlucky ordering, not a weak region, and a search over thousands of segments would find such luck first.
    /// </summary>
    public const int MinClassRows = 10;

    public static List<WeakSegment> Run(ModelTestPolicy policy, string metric, TestRows rows, TestedCandidate candidate, IReadOnlyList<string> fields, double overall)
    {
        if (double.IsNaN(overall))
        {
            return [];
        }
        var metrics = new SubsetMetrics(rows, candidate);
        var groups = fields.Take(MaxFields).Select(f => SliceGroups.Create(f, rows.Frame.Column(f), rows.IsNumeric(f), policy.Bands))
            .Where(g => g.Labels.Count > 1).ToList();
        var found = new List<(WeakSegment Segment, double Value, (long, long) Rows)>();
        var single = new Dictionary<(int Field, int Group), double>();
        for (var a = 0; a < groups.Count; a++)
        {
            var members = groups[a].Members();
            for (var g = 0; g < members.Length; g++)
            {
                if (Judge(metrics, metric, members[g], overall, policy.MinSliceRows, [groups[a].Condition(g)]) is { } segment)
                {
                    single[(a, g)] = segment.Value;
                    found.Add((segment.Segment, segment.Value, Signature(members[g])));
                }
            }
        }
        for (var a = 0; a < groups.Count; a++)
        {
            for (var b = a + 1; b < groups.Count; b++)
            {
                var cells = new Dictionary<(int, int), List<int>>();
                for (var i = 0; i < rows.Count; i++)
                {
                    var key = (groups[a].Of[i], groups[b].Of[i]);
                    if (!cells.TryGetValue(key, out var cell))
                    {
                        cells[key] = cell = [];
                    }
                    cell.Add(i);
                }
                foreach (var ((ga, gb), cell) in cells)
                {
                    if (Judge(metrics, metric, cell, overall, policy.MinSliceRows, [groups[a].Condition(ga), groups[b].Condition(gb)]) is not { } segment)
                    {
                        continue;
                    }
                    // worse than either condition alone, or it adds nothing a single condition does not say
                    if (single.TryGetValue((a, ga), out var left) && !MetricCatalog.IsBetter(metric, left, segment.Value)
                        || single.TryGetValue((b, gb), out var right) && !MetricCatalog.IsBetter(metric, right, segment.Value))
                    {
                        continue;
                    }
                    found.Add((segment.Segment, segment.Value, Signature(cell)));
                }
            }
        }
        // The same rows under other names (InternetService = No, and OnlineBackup = No internet service) are one segment: the first, shortest name stands.
        return [.. found.Where(s => s.Segment.Gap > 0).OrderByDescending(s => s.Segment.Gap).ThenByDescending(s => s.Segment.Rows)
            .ThenBy(s => s.Segment.Conditions.Count).ThenBy(s => string.Join(" and ", s.Segment.Conditions), StringComparer.Ordinal)
            .DistinctBy(s => s.Rows).Take(Top).Select(s => s.Segment)];
    }

    /// <summary>Which rows a segment holds, in two sums: equal sets give equal signatures, and unequal ones of equal size all but never do.</summary>
    private static (long, long) Signature(List<int> rows)
    {
        long sum = 0, squares = 0;
        foreach (var r in rows)
        {
            sum += r;
            squares += (long)r * r;
        }
        return (sum, squares * 31 + rows.Count);
    }

    private static (WeakSegment Segment, double Value)? Judge(SubsetMetrics metrics, string metric, List<int> rows, double overall, int minRows, string[] conditions)
    {
        if (rows.Count < minRows || rows.Count == metrics.RowCount || metrics.FewerOfAClassThan(rows, MinClassRows))
        {
            return null;
        }
        var value = metrics.One(metric, rows);
        if (double.IsNaN(value))
        {
            return null;
        }
        var gap = -MetricCatalog.Improvement(metric, value, overall);
        return (new WeakSegment(conditions, rows.Count, new Dictionary<string, double?> { [metric] = value }, gap), value);
    }
}
