namespace Graft.Audit;

/// <summary>
/// When the rows happened, read from the spec's timestamp: the first and last time, rows per year and per month
/// (periods written <c>yyyy</c> and <c>yyyy-MM</c>), the months in between that have no rows, and how many rows
/// have no readable time at all.
/// </summary>
public sealed record TimeCoverageSummary(
    string Source,
    DateTime? First,
    DateTime? Last,
    int RowsWithTime,
    int RowsWithoutTime,
    IReadOnlyList<ValueCount> PerYear,
    IReadOnlyList<ValueCount> PerMonth,
    IReadOnlyList<string> EmptyMonths);
