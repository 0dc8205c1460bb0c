using System.Globalization;
using Graft.Data;

namespace Graft.ModelTests;

/// <summary>
/// A field's rows in groups: one per value for a category or a number with few values (the most frequent
/// <see cref="MaxValues"/>, the rest as "(other)"), or quantile bands for a number (<c>[18, 35)</c>, the last closed);
/// a missing value is a group of its own, "(missing)". <see cref="Of"/> gives each row's group, <see cref="Labels"/> each group's name.
/// </summary>
public sealed class SliceGroups
{
    public const string Missing = "(missing)";
    public const string Other = "(other)";
    public const int MaxValues = 30;

    private SliceGroups(string field, int[] of, List<string> labels)
    {
        Field = field;
        Of = of;
        Labels = labels;
        Sizes = new int[labels.Count];
        foreach (var g in of)
        {
            Sizes[g]++;
        }
    }

    public string Field { get; }

    public int[] Of { get; }

    public IReadOnlyList<string> Labels { get; }

    public int[] Sizes { get; }

    /// <summary>The rows of each group, in row order.</summary>
    public List<int>[] Members()
    {
        var members = Sizes.Select(s => new List<int>(s)).ToArray();
        for (var i = 0; i < Of.Length; i++)
        {
            members[Of[i]].Add(i);
        }
        return members;
    }

    /// <summary>The label of a condition on this field's group, as reports show it.</summary>
    public string Condition(int group) => Labels[group] switch
    {
        Missing => $"{Field} is missing",
        var band when band.StartsWith('[') => $"{Field} in {band}",
        var value => $"{Field} = {value}",
    };

    /// <summary>A number with at most this many distinct values (a 0/1 flag, a rating of 1 to 5) is grouped by value, not cut into bands.</summary>
    public const int FewValues = 10;

    public static SliceGroups Create(string field, string?[] column, bool numeric, int bands) =>
        numeric && column.Where(v => v is not null).Distinct(StringComparer.Ordinal).Skip(FewValues).Any() ? Banded(field, column, bands) : ByValue(field, column);

    private static SliceGroups ByValue(string field, string?[] column)
    {
        var counts = column.Where(v => v is not null).GroupBy(v => v!, StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Value, StringComparer.Ordinal).ToList();
        var kept = counts.Take(MaxValues).Select(c => c.Value).ToList();
        var labels = new List<string>(kept);
        var index = kept.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
        int? other = counts.Count > MaxValues ? Add(labels, Other) : null;
        int? missing = column.Any(v => v is null) ? Add(labels, Missing) : null;
        var of = column.Select(v => v is null ? missing!.Value : index.TryGetValue(v, out var g) ? g : other!.Value).ToArray();
        return new SliceGroups(field, of, labels);
    }

    /// <summary>Bands between the quantiles of the values present; a value repeated past a quantile merges bands, so there may be fewer.</summary>
    private static SliceGroups Banded(string field, string?[] column, int bands)
    {
        var numbers = column.Select(Values.Number).ToArray();
        var present = numbers.Where(x => !double.IsNaN(x)).Order().ToArray();
        var labels = new List<string>();
        var edges = new List<double>();
        if (present.Length > 0)
        {
            edges.Add(present[0]);
            for (var b = 1; b < bands; b++)
            {
                var edge = present[(int)((long)b * present.Length / bands)];
                if (edge > edges[^1])
                {
                    edges.Add(edge);
                }
            }
            if (present[^1] > edges[^1])
            {
                edges.Add(present[^1]);
            }
            if (edges.Count == 1)
            {
                labels.Add(Format(edges[0]));
            }
            else
            {
                for (var b = 0; b + 1 < edges.Count; b++)
                {
                    labels.Add($"[{Format(edges[b])}, {Format(edges[b + 1])}{(b + 2 == edges.Count ? "]" : ")")}");
                }
            }
        }
        int? missing = present.Length < numbers.Length ? Add(labels, Missing) : null;
        var last = Math.Max(0, edges.Count - 2);
        var of = numbers.Select(x => double.IsNaN(x) ? missing!.Value : Band(edges, x, last)).ToArray();
        return new SliceGroups(field, of, labels);
    }

    /// <summary>The band whose lower edge is the last at or below <paramref name="x"/>; the top edge belongs to the last band.</summary>
    private static int Band(List<double> edges, double x, int last)
    {
        var b = 0;
        while (b < last && x >= edges[b + 1])
        {
            b++;
        }
        return b;
    }

    private static int Add(List<string> labels, string label)
    {
        labels.Add(label);
        return labels.Count - 1;
    }

    private static string Format(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
