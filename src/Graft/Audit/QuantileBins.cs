namespace Graft.Audit;

/// <summary>
/// Cuts numbers into bins holding about equal numbers of rows. Repeated values can make neighbouring quantiles
/// equal; those edges collapse into one, so a field with three values gets at most three bins.
/// </summary>
internal static class QuantileBins
{
    public static double[] Edges(NumberDistribution numbers, int bins)
    {
        var edges = new List<double>(bins);
        for (var k = 1; k < bins && !numbers.IsEmpty; k++)
        {
            var edge = numbers.Quantile((double)k / bins);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }
        return [.. edges];
    }

    /// <summary>How many edges are at or below the value: the bin it falls in, from 0 to the number of edges.</summary>
    public static int BinOf(double[] edges, double value)
    {
        var bin = 0;
        while (bin < edges.Length && edges[bin] <= value)
        {
            bin++;
        }
        return bin;
    }
}
