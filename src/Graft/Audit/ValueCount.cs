namespace Graft.Audit;

/// <summary>A value (or a period such as <c>2016-03</c>) and how many rows have it.</summary>
public sealed record ValueCount(string Value, int Count);
