namespace Graft.Training.Evaluation;

/// <summary>
/// What the catalog knows about one metric. <paramref name="HigherIsBetter"/> is null for
/// descriptive metrics (class balance), which describe the data and cannot rank models.
/// </summary>
internal sealed record MetricDefinition(string Name, string Label, bool? HigherIsBetter, params TaskKind[] Tasks);
