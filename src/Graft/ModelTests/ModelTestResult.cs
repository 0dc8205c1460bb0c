using System.Text.Json.Serialization;
using Graft.Training.Evaluation;

namespace Graft.ModelTests;

/// <summary>
/// One candidate's model tests on the test rows. Its JSON form (snake_case) is the contract of
/// <c>graft evaluate --json</c> and of <c>model_tests</c> under each candidate of <c>graft train --json</c>. A value the rows
/// do not define (an ROC AUC where every row is negative) is null.
/// </summary>
public sealed record ModelTestResult(
    string? Version,
    int Rows,
    string Metric,
    IReadOnlyDictionary<string, double?> Metrics,
    IReadOnlyList<SliceResult> Slices,
    IReadOnlyList<WeakSegment> WeakSegments,
    IReadOnlyList<FairnessResult> Fairness,
    IReadOnlyList<ExpectationResult> Expectations,
    CalibrationResult? Calibration,
    ValueResult? Value,
    IReadOnlyList<ModelTestFinding> Findings)
{
    /// <summary>The findings that hold the baseline gate: blocking, and nobody has acknowledged them.</summary>
    public IEnumerable<ModelTestFinding> Blocking() => Findings.Where(f => f.Severity == "blocking" && !f.Acknowledged);

    /// <summary>The same results with each finding acknowledged or not as <paramref name="spec"/> (a later revision, say) says.</summary>
    public ModelTestResult Under(UseCases.UseCaseSpec spec) => this with { Findings = [.. Findings.Select(f => f with { Acknowledged = f.AcknowledgedIn(spec) })] };
}

/// <summary>
/// The spec's metrics on one value (or numeric band) of a slice field, with a 95 % interval for the spec's metric, the
/// rule's value of it on the same rows, and a flag: <c>worse_than_rule</c>, <c>worse_than_overall</c> or <c>insufficient_data</c>.
/// </summary>
public sealed record SliceResult(string Field, string Value, int Rows, IReadOnlyDictionary<string, double?> Metrics, SliceInterval? Interval, double? RuleMetric, string? Flag);

/// <summary>A 95 % confidence interval, and how it was found (<c>wilson</c>, <c>hanley_mcneil</c> or <c>bootstrap</c>).</summary>
public sealed record SliceInterval(double Lower, double Upper, string Method);

/// <summary>A segment found by search, one or two conditions (<c>Contract = Month-to-month</c>, <c>tenure in [0, 9)</c>), where the model does worst.</summary>
public sealed record WeakSegment(IReadOnlyList<string> Conditions, int Rows, IReadOnlyDictionary<string, double?> Metrics, double Gap);

/// <summary>
/// A protected field's groups and the gaps between them as Fairlearn defines them: the demographic parity difference
/// (largest minus smallest selection rate) and ratio (smallest over largest), and the equalized odds difference (the
/// larger of the true and false positive rate gaps); and each limit the spec sets, held or not.
/// </summary>
public sealed record FairnessResult(
    string Field,
    IReadOnlyDictionary<string, GroupRates> Groups,
    double? DemographicParityDifference,
    double? DemographicParityRatio,
    double? EqualizedOddsDifference,
    IReadOnlyList<LimitCheck> Limits);

public sealed record GroupRates(int Rows, double? SelectionRate, double? Tpr, double? Fpr, double? Metric);

public sealed record LimitCheck(string Measure, double Limit, double? Value, bool Passed, string Severity);

/// <summary>
/// One expectation's verdict: how many rows were checked, the share that broke it, what it allows, and the rows that
/// broke it worst (row number in the test rows, the field's value before and after, the score before and after).
/// </summary>
public sealed record ExpectationResult(string Name, string Kind, bool Passed, double ViolationRate, int Checked, double MaxViolationRate, string Evidence, IReadOnlyList<ExpectationExample> Worst);

public sealed record ExpectationExample(int Row, string? Before, string? After, double? ScoreBefore, double? ScoreAfter);

/// <summary>The reliability curve (10 equal-width score bins, the populated ones) and the expected calibration error.</summary>
public sealed record CalibrationResult(double Ece, IReadOnlyList<CalibrationBin> Bins);

/// <summary>
/// The business value per 1,000 decisions of this candidate at its threshold and of the rule, on the same rows, and the
/// value at every threshold from 0 to 1 (the curve the report plots).
/// </summary>
public sealed record ValueResult(
    [property: JsonPropertyName("per_1000")] double Per1000,
    [property: JsonPropertyName("rule_per_1000")] double RulePer1000,
    double Threshold,
    IReadOnlyList<ValuePoint> Curve);

public sealed record ValuePoint(double Threshold, [property: JsonPropertyName("per_1000")] double Per1000);

/// <summary>
/// Something the tests found that a person should see: a flagged slice, a failed expectation or fairness limit. A
/// blocking one holds the baseline gate until the spec acknowledges it (<c>acknowledge: [{code, field, by, reason}]</c>).
/// </summary>
public sealed record ModelTestFinding(string Code, string? Field, string Severity, string Message, bool Acknowledged)
{
    /// <summary>Whether the spec acknowledges this finding: an entry with its code and field.</summary>
    public bool AcknowledgedIn(UseCases.UseCaseSpec spec) => spec.Acknowledged.Any(a => a.Code == Code && a.Field == (Field ?? ""));
}
