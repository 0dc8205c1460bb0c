namespace Graft.Data;

/// <summary>
/// Infers each column's <see cref="FieldType"/> from its values. A type is chosen when at least
/// <see cref="MinConsistency"/> of the present values fit it, so a few stray values do not turn a numeric
/// column into text (the audit reports them as <c>type_inconsistent</c>).
/// </summary>
public static class SchemaInference
{
    public const double MinConsistency = 0.95;

    // Free text is told from categories by length and by how rarely values repeat.
    private const double TextMeanLength = 25;
    private const double TextDistinctShare = 0.3;

    public static IReadOnlyList<FieldSchema> Infer(Frame frame) =>
        [.. frame.Names.Select((name, i) => Infer(name, frame.Column(i)))];

    public static FieldSchema Infer(string name, string?[] values)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = 0;
        foreach (var value in values)
        {
            if (value is null)
            {
                missing++;
            }
            else
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, value, out _)++;
            }
        }
        return Infer(name, [.. counts.Keys], [.. counts.Values], missing);
    }

    /// <summary>
    /// From a column's distinct values and how often each occurs: each distinct value is parsed once, however
    /// many rows repeat it.
    /// </summary>
    public static FieldSchema Infer(string name, IReadOnlyList<string> distinct, IReadOnlyList<int> counts, int missing)
    {
        int present = 0, numbers = 0, booleans = 0, dates = 0;
        long length = 0;
        for (var i = 0; i < distinct.Count; i++)
        {
            var (value, count) = (distinct[i], counts[i]);
            present += count;
            length += (long)value.Length * count;
            if (Values.TryNumber(value, out _))
            {
                numbers += count;
            }
            else if (Values.TryBoolean(value, out _))
            {
                booleans += count;
            }
            else if (Values.TryDate(value, out _))
            {
                dates += count;
            }
        }
        if (present == 0)
        {
            return new FieldSchema(name, FieldType.Category, 0, missing, 0, 1);
        }
        var (type, fitting) = Pick(present, numbers, booleans, dates, distinct.Count, (double)length / present);
        return new FieldSchema(name, type, present, missing, distinct.Count, (double)fitting / present);
    }

    private static (FieldType Type, int Fitting) Pick(int present, int numbers, int booleans, int dates, int distinct, double meanLength)
    {
        if (numbers >= MinConsistency * present)
        {
            return (FieldType.Number, numbers);
        }
        if (booleans >= MinConsistency * present)
        {
            return (FieldType.Boolean, booleans);
        }
        if (dates >= MinConsistency * present)
        {
            return (FieldType.Date, dates);
        }
        var text = meanLength >= TextMeanLength && distinct >= TextDistinctShare * present;
        return (text ? FieldType.Text : FieldType.Category, present);
    }
}
