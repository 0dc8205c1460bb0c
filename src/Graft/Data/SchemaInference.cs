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
        int present = 0, numbers = 0, booleans = 0, dates = 0;
        long length = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }
            present++;
            length += value.Length;
            distinct.Add(value);
            if (Values.TryNumber(value, out _))
            {
                numbers++;
            }
            else if (Values.TryBoolean(value, out _))
            {
                booleans++;
            }
            else if (Values.TryDate(value, out _))
            {
                dates++;
            }
        }
        var missing = values.Length - present;
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
