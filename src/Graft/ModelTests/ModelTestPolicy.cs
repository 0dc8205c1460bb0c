namespace Graft.ModelTests;

/// <summary>
/// What a training run tests each candidate for beyond its overall metrics (spec <c>model_tests</c>, docs/model-tests.md):
/// the fields to slice by, how small a slice may be before it says <c>insufficient_data</c>, how much worse a slice
/// may be, the fairness limits over the fields marked <c>protected</c>, and the behavioural expectations.
/// </summary>
public sealed record ModelTestPolicy
{
    public static readonly ModelTestPolicy Default = new();

    public const int DefaultMinSliceRows = 100;
    public const double DefaultTolerance = 0.05;
    public const int DefaultBands = 4;

    public IReadOnlyList<string> Slices { get; init; } = [];

    public int MinSliceRows { get; init; } = DefaultMinSliceRows;

    /// <summary>How much worse than the rule, or than the model's own overall value, a slice's metric may be (in the metric's units) before it is flagged.</summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>How many quantile bands a numeric slice or protected field is cut into.</summary>
    public int Bands { get; init; } = DefaultBands;

    public IReadOnlyList<FairnessLimit> Fairness { get; init; } = [];

    public IReadOnlyList<Expectation> Expectations { get; init; } = [];
}

/// <summary>Whether a failed limit only shows in the report or fails the baseline gate until acknowledged.</summary>
public enum LimitSeverity
{
    Warning,
    Blocking,
}

/// <summary>
/// A bound on one fairness measure, checked on every protected field: a difference may be at most <see cref="Value"/>
/// (<c>max_…</c>), a ratio at least (<c>min_…</c>).
/// </summary>
public sealed record FairnessLimit(string Measure, double Value, LimitSeverity Severity)
{
    public const string DemographicParityDifference = "demographic_parity_difference";
    public const string DemographicParityRatio = "demographic_parity_ratio";
    public const string EqualizedOddsDifference = "equalized_odds_difference";

    /// <summary>The spec keys and the measure each bounds; a ratio's bound is a floor, a difference's a ceiling.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["max_demographic_parity_difference"] = DemographicParityDifference,
        ["min_demographic_parity_ratio"] = DemographicParityRatio,
        ["max_equalized_odds_difference"] = EqualizedOddsDifference,
    };

    public bool IsFloor => Measure == DemographicParityRatio;

    public string Key => (IsFloor ? "min_" : "max_") + Measure;

    public bool Holds(double measured) => IsFloor ? measured >= Value : measured <= Value;
}

/// <summary>
/// A behavioural test over the test rows (Giskard's and CheckList's kinds): the score moves one way as a field rises,
/// does not move as a field changes within a set, or a fixed example gets a label or a score in a range.
/// </summary>
public abstract record Expectation(string Name)
{
    /// <summary>The share of checked rows that may break it and still pass.</summary>
    public double MaxViolationRate { get; init; }
}

/// <summary>Raising <see cref="Field"/> by <see cref="Step"/> (default a tenth of its standard deviation) should not move the score against <see cref="Increasing"/>.</summary>
public sealed record DirectionalExpectation(string Name, string Field, bool Increasing, double? Step) : Expectation(Name);

/// <summary>Setting <see cref="Field"/> to each of <see cref="Values"/> in turn should move the score by at most <see cref="Tolerance"/>.</summary>
public sealed record InvarianceExpectation(string Name, string Field, IReadOnlyList<string> Values, double Tolerance) : Expectation(Name);

/// <summary>A fixed row that must get <see cref="Label"/>, or a score in [<see cref="Low"/>, <see cref="High"/>].</summary>
public sealed record ExampleExpectation(string Name, IReadOnlyDictionary<string, string?> Row, string? Label, double? Low, double? High) : Expectation(Name);

/// <summary>
/// What each cell of a binary decision is worth in the business's own unit (spec <c>value</c>): the threshold is
/// chosen to maximise it, and the report prices the rule and each model per 1,000 decisions.
/// </summary>
public sealed record ValueMatrix(double TruePositive, double FalsePositive, double FalseNegative, double TrueNegative)
{
    public static readonly string[] Keys = ["true_positive", "false_positive", "false_negative", "true_negative"];

    /// <summary>The value of <paramref name="tp"/> … <paramref name="tn"/> decisions, per 1,000 of them.</summary>
    public double Per1000(double tp, double fp, double fn, double tn)
    {
        var n = tp + fp + fn + tn;
        return n == 0 ? 0 : 1000 * (tp * TruePositive + fp * FalsePositive + fn * FalseNegative + tn * TrueNegative) / n;
    }
}
