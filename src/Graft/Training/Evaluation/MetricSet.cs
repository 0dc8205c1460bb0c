namespace Graft.Training.Evaluation;

/// <summary>
/// Metric values by snake_case name (see <see cref="MetricNames"/>). A value is NaN where the metric
/// is undefined for the data; a name is absent where the metric does not apply (e.g. mape with a zero actual).
/// </summary>
public sealed record MetricSet(IReadOnlyDictionary<string, double> Values)
{
    public double this[string name] =>
        Values.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"Metric '{name}' was not computed for this evaluation.");

    public bool TryGet(string name, out double value) => Values.TryGetValue(name, out value);
}
