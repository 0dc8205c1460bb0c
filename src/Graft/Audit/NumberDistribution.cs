namespace Graft.Audit;

/// <summary>
/// The values of a column that read as numbers, as sorted distinct values with counts. Quantiles, summaries and
/// histograms then cost a sort of the distinct values rather than of every row.
/// </summary>
internal sealed class NumberDistribution
{
    private readonly double[] _values;
    private readonly long[] _cumulative;

    public NumberDistribution(double[] numberByCode, int[] countByCode)
    {
        var values = new List<double>(numberByCode.Length);
        var counts = new List<long>(numberByCode.Length);
        for (var i = 0; i < numberByCode.Length; i++)
        {
            if (double.IsFinite(numberByCode[i]))
            {
                values.Add(numberByCode[i]);
                counts.Add(countByCode[i]);
            }
        }
        var sortedValues = values.ToArray();
        var sortedCounts = counts.ToArray();
        Array.Sort(sortedValues, sortedCounts);

        // Different spellings of one number ("1" and "1.0") are one value here.
        var distinct = 0;
        for (var i = 0; i < sortedValues.Length; i++)
        {
            if (distinct > 0 && sortedValues[i] == sortedValues[distinct - 1])
            {
                sortedCounts[distinct - 1] += sortedCounts[i];
                continue;
            }
            sortedValues[distinct] = sortedValues[i];
            sortedCounts[distinct] = sortedCounts[i];
            distinct++;
        }
        _values = sortedValues[..distinct];
        _cumulative = new long[distinct];
        long total = 0;
        for (var i = 0; i < distinct; i++)
        {
            total += sortedCounts[i];
            _cumulative[i] = total;
        }
        Count = total;
    }

    public long Count { get; }

    public bool IsEmpty => Count == 0;

    public double Min => _values[0];

    public double Max => _values[^1];

    /// <summary>The k-th smallest value, counting from zero.</summary>
    public double At(long k)
    {
        int low = 0, high = _values.Length - 1;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_cumulative[mid] > k)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return _values[low];
    }

    /// <summary>The p-quantile, interpolating between neighbouring values as spreadsheets and NumPy do by default.</summary>
    public double Quantile(double p)
    {
        var position = p * (Count - 1);
        var below = (long)Math.Floor(position);
        var value = At(below);
        var fraction = position - below;
        return fraction == 0 ? value : value + (fraction * (At(below + 1) - value));
    }

    public NumericSummary Summary()
    {
        double sum = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            sum += _values[i] * CountAt(i);
        }
        var mean = sum / Count;
        double squares = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            var d = _values[i] - mean;
            squares += d * d * CountAt(i);
        }
        var sd = Count > 1 ? Math.Sqrt(squares / (Count - 1)) : 0;
        return new NumericSummary((int)Count, Min, Quantile(0.25), Quantile(0.5), Quantile(0.75), Max, mean, sd);
    }

    /// <summary>How many values lie below <paramref name="low"/> and above <paramref name="high"/>, and the smallest and largest of them.</summary>
    public (long Below, long Above, double Smallest, double Largest) Beyond(double low, double high)
    {
        long below = 0, above = 0;
        double smallest = double.NaN, largest = double.NaN;
        for (var i = 0; i < _values.Length; i++)
        {
            var v = _values[i];
            if (v >= low && v <= high)
            {
                continue;
            }
            if (v < low)
            {
                below += CountAt(i);
            }
            else
            {
                above += CountAt(i);
            }
            smallest = double.IsNaN(smallest) ? v : smallest;
            largest = v;
        }
        return (below, above, smallest, largest);
    }

    public Histogram Histogram(int bins, double low, double high)
    {
        if (high <= low)
        {
            return new Histogram([low, high], [(int)Count], 0, 0);
        }
        var counts = new int[bins];
        int under = 0, over = 0;
        var width = (high - low) / bins;
        for (var i = 0; i < _values.Length; i++)
        {
            var v = _values[i];
            var n = (int)CountAt(i);
            if (v < low)
            {
                under += n;
            }
            else if (v > high)
            {
                over += n;
            }
            else
            {
                counts[Math.Min(bins - 1, (int)((v - low) / width))] += n;
            }
        }
        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++)
        {
            edges[i] = low + (i * width);
        }
        edges[bins] = high;
        return new Histogram(edges, counts, under, over);
    }

    private long CountAt(int i) => _cumulative[i] - (i == 0 ? 0 : _cumulative[i - 1]);
}
