namespace Graft;

/// <summary>Finds the name a user probably meant, for "did you mean" hints on misspelt fields and functions.</summary>
internal static class ClosestName
{
    private const int MaxEdits = 2;

    /// <summary>
    /// A candidate equal to <paramref name="name"/> ignoring case, else the nearest within two edits
    /// (ignoring case); null when nothing is close. Earlier candidates win ties.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var upper = name.ToUpperInvariant();
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
                return candidate;
            // Lengths further apart than the edits allowed cannot be close: skipped before the quadratic distance,
            // which on long values (a category of sentences, sent on every request) would cost a millisecond.
            if (Math.Abs(candidate.Length - name.Length) > MaxEdits)
                continue;
            var distance = Distance(upper, candidate.ToUpperInvariant());
            // A name as long as the edit count would match almost anything of that length.
            if (distance <= MaxEdits && distance < name.Length && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance with two rolling rows.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
