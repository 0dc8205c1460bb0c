using Graft.Data;
using Graft.UseCases;

namespace Graft.ModelTests;

/// <summary>
/// The labelled rows the tests run on, as they were read (every field, inputs or not, so a protected field left out of
/// training can still be measured), with the labels the models were scored against and the field types.
/// </summary>
public sealed record TestRows(TaskKind Task, Frame Frame, float[] Labels, IReadOnlyList<string> Classes, IReadOnlyDictionary<string, FieldType> Types)
{
    public int Count => Labels.Length;

    /// <summary>Numbers are cut into quantile bands; everything else (booleans too) is grouped by value.</summary>
    public bool IsNumeric(string field) => Types.TryGetValue(field, out var type) && type == FieldType.Number;
}

/// <summary>
/// A candidate under test: its scores on the test rows (in <see cref="Training.ScoreReader"/>'s layout), its decision
/// threshold (binary), and how to score other rows, which the behavioural expectations need (null: they are skipped).
/// </summary>
public sealed record TestedCandidate(string Name, string? Version, double[] Scores, double Threshold, Func<Frame, double[]>? Rescore);
