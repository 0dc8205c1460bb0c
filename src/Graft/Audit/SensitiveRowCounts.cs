namespace Graft.Audit;

/// <summary>How many rows of a field hold personal data, in all and by kind (in <see cref="SensitiveFieldCheck.Kinds"/> order).</summary>
internal sealed class SensitiveRowCounts
{
    public long Rows { get; private set; }

    public long[] ByKind { get; } = new long[SensitiveFieldCheck.Kinds.Length];

    public void Add(SensitiveKind kinds, long count)
    {
        if (kinds == SensitiveKind.None)
        {
            return;
        }
        Rows += count;
        for (var k = 0; k < ByKind.Length; k++)
        {
            ByKind[k] += kinds.HasFlag(SensitiveFieldCheck.Kinds[k].Kind) ? count : 0;
        }
    }

    /// <summary>Counts <paramref name="rows"/> as person names, the reason a name column is sensitive.</summary>
    public void SetNames(long rows)
    {
        ByKind[^1] = rows; // person names come last in Kinds
        Rows = Math.Max(Rows, rows);
    }
}
