using Graft.ModelTests;
using Graft.UseCases;

namespace Graft.Tests.ModelTests;

/// <summary>The spec's <c>model_tests</c> and <c>value</c> keys: read in full, and every mistake named by its key.</summary>
public class ModelTestSpecTests
{
    private const string Head = """
        id: churn-risk
        title: Churn risk
        task: binary
        target: { column: Churn, positive: "Yes" }

        """;

    private static SpecError Error(string yaml, string key)
    {
        var e = Assert.Throws<SpecException>(() => SpecReader.Parse(yaml, "spec.yaml"));
        return Assert.Single(e.Errors, x => x.Key == key);
    }

    [Fact]
    public void Model_tests_and_value_read_every_key()
    {
        var spec = SpecReader.Parse(Head + """
            fields: { gender: { protected: true } }
            model_tests:
              slices: [Contract, tenure]
              min_slice_rows: 50
              tolerance: 0.02
              bands: 5
              fairness:
                severity: blocking
                max_demographic_parity_difference: 0.1
                min_demographic_parity_ratio: { limit: 0.8, severity: warning }
              expectations:
                - { name: tenure lowers risk, field: tenure, direction: decreasing, step: 3, max_violation_rate: 0.01 }
                - { name: gender does not matter, field: gender, invariant: [Male, Female], tolerance: 0.02 }
                - { name: a new customer, example: { tenure: 1, Contract: Month-to-month }, label: "Yes", score: [0.5, 1] }
            value: { true_positive: 120, false_positive: -15, false_negative: -120, true_negative: 0 }
            """);
        var tests = spec.ModelTests;
        Assert.Equal(["Contract", "tenure"], tests.Slices);
        Assert.Equal((50, 0.02, 5), (tests.MinSliceRows, tests.Tolerance, tests.Bands));
        Assert.Equal(["gender"], spec.Protected);
        Assert.Equal(
            [new FairnessLimit(FairnessLimit.DemographicParityDifference, 0.1, LimitSeverity.Blocking), new FairnessLimit(FairnessLimit.DemographicParityRatio, 0.8, LimitSeverity.Warning)],
            tests.Fairness);
        var directional = Assert.IsType<DirectionalExpectation>(tests.Expectations[0]);
        Assert.Equal(("tenure", false, 3.0, 0.01), (directional.Field, directional.Increasing, directional.Step!.Value, directional.MaxViolationRate));
        var invariant = Assert.IsType<InvarianceExpectation>(tests.Expectations[1]);
        Assert.Equal(["Male", "Female"], invariant.Values);
        var example = Assert.IsType<ExampleExpectation>(tests.Expectations[2]);
        Assert.Equal(("Yes", 0.5, 1.0), (example.Label, example.Low!.Value, example.High!.Value));
        Assert.Equal("1", example.Row["tenure"]);
        Assert.Equal(new ValueMatrix(120, -15, -120, 0), spec.Value);
    }

    [Fact]
    public void A_value_matrix_with_a_missing_cell_names_it() =>
        Assert.Contains("true_negative", Error(Head + "value: { true_positive: 1, false_positive: -1, false_negative: -1 }", "value.true_negative").Message);

    [Fact]
    public void A_value_matrix_cell_that_is_not_a_number_names_it() =>
        Error(Head + "value: { true_positive: lots, false_positive: -1, false_negative: -1, true_negative: 0 }", "value.true_positive");

    [Fact]
    public void A_value_matrix_on_a_regression_is_refused() =>
        Assert.Contains("binary", Error(Head.Replace("task: binary", "task: regression").Replace(", positive: \"Yes\"", "") +
            "value: { true_positive: 1, false_positive: -1, false_negative: -1, true_negative: 0 }", "value").Message);

    [Theory]
    [InlineData("max_demographic_parity_difference: 1.5")]
    [InlineData("min_demographic_parity_ratio: -0.1")]
    [InlineData("max_equalized_odds_difference: { limit: 2 }")]
    public void A_fairness_limit_outside_0_to_1_names_its_key(string limit)
    {
        var e = Assert.Throws<SpecException>(() => SpecReader.Parse(Head + $"model_tests: {{ fairness: {{ {limit} }} }}", "spec.yaml"));
        Assert.Contains(e.Errors, x => x.Key.StartsWith("model_tests.fairness.", StringComparison.Ordinal) && x.Message.Contains('1'));
    }

    [Fact]
    public void An_unknown_fairness_measure_is_refused_with_the_known_ones() =>
        Assert.Contains("max_demographic_parity_difference", Error(Head + "model_tests: { fairness: { max_parity: 0.1 } }", "model_tests.fairness.max_parity").Message);

    [Fact]
    public void An_expectation_that_tests_two_things_is_refused() =>
        Assert.Contains("one thing", Error(Head + "model_tests: { expectations: [{ name: x, field: tenure, direction: increasing, invariant: [a, b] }] }", "model_tests.expectations[0]").Message);

    [Fact]
    public void An_example_without_a_label_or_score_is_refused() =>
        Error(Head + "model_tests: { expectations: [{ name: x, example: { tenure: 1 } }] }", "model_tests.expectations[0]");

    [Fact]
    public void A_slice_field_the_data_lacks_is_named_with_a_close_match()
    {
        var spec = SpecReader.Parse(Head + "model_tests: { slices: [Contrct] }");
        var error = Assert.Single(SpecDataCheck.CheckNames(spec, ["Churn", "Contract", "tenure"]));
        Assert.Equal("model_tests.slices", error.Key);
        Assert.Contains("did you mean 'Contract'", error.Message);
    }
}
