using Graft.UseCases;

namespace Graft.Audit;

/// <summary>
/// The target as the audit read it: rows with and without a label, the classes and their counts (binary and
/// multiclass; for binary also the class counted as positive), or the shape of the values (regression).
/// </summary>
public sealed record LabelSummary(
    string Field,
    TaskKind Task,
    int Labelled,
    int Missing,
    string? Positive,
    IReadOnlyList<ValueCount> Classes,
    NumericSummary? Values);
