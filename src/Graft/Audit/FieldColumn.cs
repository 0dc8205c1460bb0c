using System.Runtime.InteropServices;
using Graft.Data;

namespace Graft.Audit;

/// <summary>
/// One column prepared once for every check: each row's value as a code into the column's distinct values, how
/// often each occurs, and (for numbers) each distinct value parsed once. Checks work on codes and counts, so the
/// audit reads each string once however many checks look at the column.
/// </summary>
internal sealed class FieldColumn
{
    public const int MissingCode = -1;

    private double[]? _numberByCode;
    private NumberDistribution? _distribution;

    public FieldColumn(string name, string?[] values)
    {
        Name = name;
        Codes = new int[values.Length];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<string>();
        var counts = new List<int>();
        for (var row = 0; row < values.Length; row++)
        {
            var value = values[row];
            if (value is null)
            {
                Codes[row] = MissingCode;
                Missing++;
                continue;
            }
            ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(index, value, out var seen);
            if (!seen)
            {
                code = distinct.Count;
                distinct.Add(value);
                counts.Add(0);
            }
            Codes[row] = code;
            counts[code]++;
        }
        Values = [.. distinct];
        Counts = [.. counts];
        Schema = SchemaInference.Infer(name, Values, Counts, Missing); // from the distinct values: each parsed once
    }

    public string Name { get; }

    public FieldSchema Schema { get; }

    public FieldType Type => Schema.Type;

    /// <summary>Per row, the index of its value in <see cref="Values"/>, or <see cref="MissingCode"/>.</summary>
    public int[] Codes { get; }

    public string[] Values { get; }

    public int[] Counts { get; }

    public int Rows => Codes.Length;

    public int Missing { get; }

    public int Present => Rows - Missing;

    /// <summary>Each distinct value read as a number (NaN when it is not one); parsed on first use, once.</summary>
    public double[] NumberByCode => _numberByCode ??= Parse(Values);

    /// <summary>The values that read as numbers, sorted with their counts.</summary>
    public NumberDistribution Numbers => _distribution ??= new NumberDistribution(NumberByCode, Counts);

    public bool IsWholeNumbers()
    {
        var numbers = NumberByCode;
        for (var i = 0; i < numbers.Length; i++)
        {
            if (double.IsFinite(numbers[i]) && numbers[i] != Math.Floor(numbers[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The most frequent values, most frequent first, ties in order of first appearance.</summary>
    public List<int> TopCodes(int limit)
    {
        var order = new int[Values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var counts = Counts;
        Array.Sort(order, (a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
        return [.. order.Take(limit)];
    }

    private static double[] Parse(string[] values)
    {
        var numbers = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            numbers[i] = Data.Values.Number(values[i]);
        }
        return numbers;
    }
}
