namespace Graft.Audit;

/// <summary>
/// Counts of a numeric field's values in equal-width bins; <see cref="Edges"/> has one more entry than
/// <see cref="Counts"/>. The bins cover the typical range only, so a few extreme values do not squeeze everything
/// into one bar; values beyond it are counted in <see cref="Below"/> and <see cref="Above"/>.
/// </summary>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts, int Below, int Above);
