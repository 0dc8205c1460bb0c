namespace Graft.Training.Rules;

/// <summary>A compiled piece of a rule: reads its fields by position from one row.</summary>
internal delegate object? RowEvaluator(ReadOnlySpan<object?> row);
