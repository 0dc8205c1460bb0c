namespace Graft.Audit;

/// <summary>
/// The labelled rows shuffled with a fixed seed and cut in half: one half to fit on, the other to score. The same
/// data always splits the same way, so an audit can be repeated and get the same findings.
/// </summary>
internal sealed record HalfSplit(int[] Train, int[] Test)
{
    public static HalfSplit Of(TargetLabels labels, int seed)
    {
        var rows = new List<int>(labels.Labelled);
        for (var row = 0; row < labels.Column.Rows; row++)
        {
            if (labels.IsLabelled(row))
            {
                rows.Add(row);
            }
        }
        var shuffled = rows.ToArray();
        new Random(seed).Shuffle(shuffled);
        var half = shuffled.Length / 2;
        return new HalfSplit(shuffled[..half], shuffled[half..]);
    }
}
