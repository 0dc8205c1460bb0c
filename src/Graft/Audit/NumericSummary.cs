namespace Graft.Audit;

/// <summary>The shape of a numeric field's values (those that read as numbers; missing ones left out).</summary>
public sealed record NumericSummary(int Count, double Min, double Q1, double Median, double Q3, double Max, double Mean, double StdDev);
