namespace Graft.Data;

/// <summary>
/// One column of a dataset version as inferred from its values. <see cref="Consistency"/> is the share of
/// present values that fit <see cref="Type"/>; below 1 the remaining values are read as missing.
/// </summary>
public sealed record FieldSchema(string Name, FieldType Type, int Present, int Missing, int Distinct, double Consistency)
{
    public double Completeness => Present + Missing == 0 ? 0 : (double)Present / (Present + Missing);
}
