namespace Graft.Review;

/// <summary>
/// Agreement between reviewers beyond chance: Cohen's kappa for two reviewers of each item, Fleiss' kappa for more (the
/// same number of reviewers on every item). Null when there is nothing to weigh or chance explains everything.
/// </summary>
public static class Agreement
{
    /// <summary>Cohen's kappa over items each labelled by a first and a second reviewer: (p_o − p_e) / (1 − p_e).</summary>
    public static double? Cohen(IReadOnlyList<(string First, string Second)> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }
        var n = (double)pairs.Count;
        var observed = pairs.Count(p => p.First == p.Second) / n;
        var first = pairs.CountBy(p => p.First).ToDictionary(g => g.Key, g => g.Value / n);
        var second = pairs.CountBy(p => p.Second).ToDictionary(g => g.Key, g => g.Value / n);
        var chance = first.Sum(f => f.Value * second.GetValueOrDefault(f.Key));
        return chance >= 1 ? null : (observed - chance) / (1 - chance);
    }

    /// <summary>
    /// Fleiss' kappa over items each labelled by the same number of reviewers (at least two): the mean of each item's
    /// agreement P_i = (Σ n_ij² − n) / (n (n − 1)) against chance P_e = Σ p_j².
    /// </summary>
    public static double? Fleiss(IReadOnlyList<IReadOnlyList<string>> items)
    {
        if (items.Count == 0 || items[0].Count < 2 || items.Any(i => i.Count != items[0].Count))
        {
            return null;
        }
        var n = (double)items[0].Count;
        var meanAgreement = items.Average(i => (i.CountBy(l => l).Sum(c => (double)c.Value * c.Value) - n) / (n * (n - 1)));
        var chance = items.SelectMany(i => i).CountBy(l => l).Sum(c => Math.Pow(c.Value / (items.Count * n), 2));
        return chance >= 1 ? null : (meanAgreement - chance) / (1 - chance);
    }
}
