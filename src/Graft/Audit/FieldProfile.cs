using Graft.Data;

namespace Graft.Audit;

/// <summary>
/// What one field looks like: its type, how complete and varied it is, its distribution (a summary and histogram
/// for numbers, the most common values for everything), its role in the use case and its resolved data-use policy.
/// Top values of sensitive fields are masked; those of free text show placeholders for the personal data in them.
/// </summary>
public sealed record FieldProfile(
    string Name,
    FieldType Type,
    double Completeness,
    int Missing,
    int Distinct,
    double Consistency,
    NumericSummary? Numeric,
    IReadOnlyList<ValueCount> TopValues,
    Histogram? Histogram,
    FieldUse Use,
    string Role);
