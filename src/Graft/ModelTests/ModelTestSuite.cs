using System.Globalization;
using Graft.Data;
using Graft.Training;
using Graft.Training.Evaluation;
using Graft.UseCases;

namespace Graft.ModelTests;

/// <summary>
/// The model's own test layer (docs/model-tests.md), run on one candidate's test rows: the metrics over all rows, by
/// slice, the weakest segments, fairness across protected groups, the behavioural expectations, calibration and
/// business value; and the findings a person should see, the blocking ones holding the baseline gate until the spec
/// acknowledges them. Training runs it for the rule and every model; <c>graft evaluate</c> for a registered version.
/// </summary>
public static class ModelTestSuite
{
    public const string ExpectationFailed = "expectation_failed";

    /// <summary>
    /// Refuses, before anything is trained or registered, tests the data cannot run: an expectation over a field that is
    /// not a model input or is free text, a direction over a field that is not a number, a protected field with one value.
    /// (Whether the named fields exist at all, <see cref="SpecDataCheck"/> has said.)
    /// </summary>
    public static void Check(UseCaseSpec spec, FeaturePlan plan, Frame data)
    {
        var tests = spec.ModelTests;
        for (var i = 0; i < tests.Expectations.Count; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"model_tests.expectations[{i}].field");
            var field = tests.Expectations[i] switch
            {
                DirectionalExpectation d => d.Field,
                InvarianceExpectation v => v.Field,
                _ => null,
            };
            if (field is null)
            {
                continue;
            }
            var input = plan.Inputs.FirstOrDefault(p => p.Field == field);
            if (input is null)
            {
                var why = plan.LeftOut.TryGetValue(field, out var reason) ? $" ({reason})" : "";
                throw GraftException.Invalid($"{key}: '{field}' is not a model input{why}; an expectation changes an input and watches the score");
            }
            if (input.Kind == InputKind.Text)
            {
                throw GraftException.Invalid($"{key}: '{field}' is free text; an expectation changes a number or a category, not prose");
            }
            if (tests.Expectations[i] is DirectionalExpectation && input.Kind != InputKind.Numeric)
            {
                throw GraftException.Invalid($"{key}: '{field}' is a {input.Type.ToString().ToLowerInvariant()}, and only a number can be raised; use invariant for a category");
            }
        }
        foreach (var field in spec.Protected.Where(data.Contains))
        {
            var values = data.Column(field).Where(v => v is not null).Distinct(StringComparer.Ordinal).Take(2).ToList();
            if (values.Count < 2)
            {
                throw GraftException.Invalid($"fields.{field}.protected: '{field}' has {(values.Count == 0 ? "no values" : $"a single value ('{values[0]}')")} in the data, so there are no groups to compare");
            }
        }
    }

    /// <param name="spec">The use case's spec: its metric, model tests, value matrix and acknowledgements.</param>
    /// <param name="rows">The labelled test rows.</param>
    /// <param name="candidate">The candidate tested.</param>
    /// <param name="rule">The rule on the same rows, which slices and value are compared with; null when testing the rule itself.</param>
    /// <param name="searchFields">The fields the weak-segment search combines: the model's inputs that are not free text.</param>
    /// <param name="masked">Fields whose values a report must not show (the spec's or the audit's masking).</param>
    public static ModelTestResult Run(UseCaseSpec spec, TestRows rows, TestedCandidate candidate, TestedCandidate? rule,
        IReadOnlyList<string> searchFields, IReadOnlySet<string> masked)
    {
        var tests = spec.ModelTests;
        var metric = spec.Metric;
        var overallSet = Evaluator.Evaluate(rows.Task, rows.Labels, candidate.Scores, rows.Classes.Count, candidate.Threshold);
        var overall = overallSet.TryGet(metric, out var value) ? value : double.NaN;
        var slices = SliceReport.Run(tests, metric, rows, candidate, rule, overall);
        var weak = WeakSegmentSearch.Run(tests, metric, rows, candidate, searchFields, overall);
        var fairness = FairnessReport.Run(tests, metric, rows, candidate, spec.Protected.Where(rows.Frame.Contains));
        var expectations = new ExpectationRunner(rows, candidate, masked).Run(tests.Expectations);
        var binary = rows.Task == TaskKind.Binary;
        var labels = binary ? rows.Labels.Select(l => l > 0.5f).ToArray() : [];
        CalibrationResult? calibration = null;
        if (binary)
        {
            var bins = BinaryMetrics.Calibration(labels, candidate.Scores);
            calibration = new CalibrationResult(CalibrationCurve.ExpectedError(bins, rows.Count), bins);
        }
        ValueResult? worth = null;
        if (binary && spec.Value is { } matrix)
        {
            var per1000 = BusinessValue.Per1000(matrix, labels, candidate.Scores, candidate.Threshold);
            worth = new ValueResult(per1000, rule is null ? per1000 : BusinessValue.Per1000(matrix, labels, rule.Scores, rule.Threshold),
                candidate.Threshold, BusinessValue.Curve(matrix, labels, candidate.Scores));
        }
        var findings = Findings(spec, metric, slices, fairness, expectations);
        return new ModelTestResult(candidate.Version, rows.Count, metric, SubsetMetrics.Shown(overallSet), slices, weak, fairness, expectations, calibration, worth, findings);
    }

    private static List<ModelTestFinding> Findings(UseCaseSpec spec, string metric, List<SliceResult> slices, List<FairnessResult> fairness, List<ExpectationResult> expectations)
    {
        var findings = new List<ModelTestFinding>();
        foreach (var s in slices.Where(s => s.Flag is SliceReport.WorseThanRule or SliceReport.WorseThanOverall))
        {
            var shown = s.Metrics.GetValueOrDefault(metric) is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
            var against = s.Flag == SliceReport.WorseThanRule ? $"the rule's {s.RuleMetric?.ToString("0.####", CultureInfo.InvariantCulture)}" : "its overall value";
            findings.Add(new ModelTestFinding(s.Flag!, s.Field, "warning",
                $"{metric} {shown} on {s.Field} {s.Value} ({s.Rows:N0} rows) is worse than {against} by more than {spec.ModelTests.Tolerance:G4}", false));
        }
        foreach (var f in fairness)
        {
            foreach (var limit in f.Limits.Where(l => !l.Passed))
            {
                var bound = limit.Measure == FairnessLimit.DemographicParityRatio ? "below its floor" : "above its limit";
                findings.Add(new ModelTestFinding(limit.Measure, f.Field, limit.Severity,
                    string.Create(CultureInfo.InvariantCulture, $"{limit.Measure} across {f.Field} is {limit.Value:0.####}, {bound} of {limit.Limit:G4}"),
                    false));
            }
        }
        foreach (var e in expectations.Where(e => !e.Passed))
        {
            findings.Add(new ModelTestFinding(ExpectationFailed, e.Name, "warning", $"expectation '{e.Name}' failed: {e.Evidence}", false));
        }
        return [.. findings.Select(f => f with { Acknowledged = f.AcknowledgedIn(spec) })];
    }
}
