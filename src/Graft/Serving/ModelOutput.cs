namespace Graft.Serving;

/// <summary>
/// What a model says about one row: the class and its score (binary: the positive-class probability; multiclass:
/// the chosen class's probability, with every class's in <see cref="ClassScores"/>), or the value (regression),
/// and the fields that pushed the answer most, with signed contributions.
/// </summary>
public sealed record ModelOutput(
    string? Label,
    double? Score,
    IReadOnlyDictionary<string, double>? ClassScores,
    double? Value,
    IReadOnlyList<Contribution> Explanation);

/// <summary>A field's signed contribution to a prediction, in the model's raw units (log-odds for classifiers).</summary>
public sealed record Contribution(string Field, double Value);
