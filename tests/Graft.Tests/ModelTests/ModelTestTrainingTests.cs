using System.Text.Json;
using Graft.ModelTests;
using Graft.Registry;
using Graft.Rollout;
using Graft.Tests.Storage;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Tests.ModelTests;

/// <summary>
/// The model tests inside training on Telco: every candidate carries them, each version stores them, a blocking
/// fairness limit holds the baseline gate, and an acknowledgement in the spec releases it; tests the data cannot
/// run are refused before anything is registered.
/// </summary>
public class ModelTestTrainingTests
{
    private const string Telco = """
        id: telco-churn
        title: Telco churn
        decision: Offer a retention call
        owners: { product: ana@example.com }
        task: binary
        target: { column: Churn, positive: "Yes" }
        entity: customerID
        rule: "Contract == 'Month-to-month' and tenure < 12"
        split: { kind: random, test_fraction: 0.2 }
        trainers: [linear]
        fields:
          gender: { protected: true }
          SeniorCitizen: { protected: true }
        model_tests:
          slices: [Contract, tenure]
          fairness: { max_demographic_parity_difference: { limit: 0.05, severity: blocking } }
          expectations:
            - { name: gender does not matter, field: gender, invariant: [Male, Female], tolerance: 0.1 }
        value: { true_positive: 300, false_positive: -50, false_negative: -300, true_negative: 0 }
        """;

    private static async Task<(TempHome Temp, TrainingResult Result)> TrainTelcoAsync(string spec)
    {
        var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(spec, "spec.yaml", Testing.TestActors.Tester, default);
        await new Graft.Data.DatasetCatalog(temp.Home).ImportAsync("telco-churn", TestData.PathOf("telco/WA_Fn-UseC_-Telco-Customer-Churn.csv"), Testing.TestActors.Tester, default);
        return (temp, await Training.TrainingScenario.TrainAsync(temp, "telco-churn"));
    }

    [Fact]
    public async Task A_blocking_fairness_limit_holds_the_baseline_gate_until_the_spec_acknowledges_it()
    {
        var (temp, result) = await TrainTelcoAsync(Telco);
        await using var _ = temp;

        Assert.All(result.Candidates, c => Assert.NotNull(c.ModelTests));
        var best = result.Candidates.Single(c => c.Version == result.Best);
        var tests = best.ModelTests!;
        Assert.Equal(result.Split.TestRows, tests.Rows);
        Assert.Equal(best.Metrics["roc_auc"], tests.Metrics["roc_auc"]!.Value, 12);
        var senior = tests.Fairness.Single(f => f.Field == "SeniorCitizen");
        Assert.Equal(["0", "1"], senior.Groups.Keys.Order());
        Assert.True(senior.DemographicParityDifference > 0.05, $"{senior.DemographicParityDifference}");
        var held = Assert.Single(tests.Blocking());
        Assert.Equal((FairnessLimit.DemographicParityDifference, "SeniorCitizen"), (held.Code, held.Field));

        Assert.True(result.Gate.BeatsRule);
        Assert.False(result.Gate.Passed);
        Assert.Contains("demographic_parity_difference across SeniorCitizen", result.Gate.Reason);
        Assert.Null(result.Champion);
        var stored = await new ModelRegistry(temp.Home).GetAsync(best.Version!, default);
        Assert.Equal(tests.Fairness.Count, JsonSerializer.Deserialize<ModelTestResult>(stored.ModelTestsJson!, ModelRegistry.Json)!.Fairness.Count);
        Assert.Equal(tests.Value!.Threshold, best.Threshold);
        Assert.True(tests.Value.Per1000 > tests.Value.RulePer1000, $"{tests.Value.Per1000} vs the rule's {tests.Value.RulePer1000}");
        Assert.Contains("more than the rule per 1,000 decisions", result.Gate.Reason);

        var gate = (await new RolloutControl(temp.Home).StatusAsync("telco-churn", default)).Gates.Single(g => g.Name == "model_tests");
        Assert.Equal(GateOutcome.Failed, gate.Result);
        Assert.Contains("SeniorCitizen", gate.Evidence);
        Assert.Equal(GateOutcome.Successful, (await new RolloutControl(temp.Home).StatusAsync("telco-churn", default)).Gates.Single(g => g.Name == "beats_rule").Result);

        await new UseCaseCatalog(temp.Home).ApplyAsync(Telco + """

            acknowledge:
              - { code: demographic_parity_difference, field: SeniorCitizen, by: ana@example.com, reason: seniors pay more a month and churn more; the offer is wanted }
            """, "spec.yaml", Testing.TestActors.Tester, default);
        gate = (await new RolloutControl(temp.Home).StatusAsync("telco-churn", default)).Gates.Single(g => g.Name == "model_tests");
        Assert.Equal(GateOutcome.Successful, gate.Result);
        Assert.Contains("acknowledged: demographic_parity_difference on SeniorCitizen", gate.Evidence);

        var again = await Training.TrainingScenario.TrainAsync(temp, "telco-churn");
        Assert.True(again.Gate.Passed, again.Gate.Reason);
        Assert.NotNull(again.Champion);
    }

    [Fact]
    public async Task The_rule_and_each_model_are_tested_with_slices_intervals_and_calibration()
    {
        var (temp, result) = await TrainTelcoAsync(Telco.Replace("max_demographic_parity_difference: { limit: 0.05, severity: blocking }", "max_demographic_parity_difference: 1"));
        await using var _ = temp;
        Assert.True(result.Gate.Passed, result.Gate.Reason);
        var model = result.Candidates.Single(c => c.Kind == "model").ModelTests!;
        var contract = model.Slices.Where(s => s.Field == "Contract").ToList();
        Assert.Equal(["Month-to-month", "One year", "Two year"], contract.Select(s => s.Value).Order());
        Assert.Equal(result.Split.TestRows, contract.Sum(s => s.Rows));
        Assert.All(contract, s => Assert.InRange(s.Metrics["roc_auc"]!.Value, s.Interval!.Lower, s.Interval.Upper));
        Assert.All(contract, s => Assert.NotNull(s.RuleMetric));
        Assert.Equal(4, model.Slices.Count(s => s.Field == "tenure")); // quartile bands
        Assert.Equal(model.Metrics["ece"]!.Value, model.Calibration!.Ece, 12);
        Assert.Equal(result.Split.TestRows, model.Calibration.Bins.Sum(b => b.Count));
        Assert.True(model.Expectations.Single().Passed, model.Expectations.Single().Evidence);
        Assert.NotEmpty(model.WeakSegments);
        var rule = result.Candidates[0].ModelTests!;
        Assert.Null(rule.Version);
        Assert.Equal(rule.Value!.Per1000, rule.Value.RulePer1000);
    }

    private const string Small = """
        id: small
        title: Small
        task: binary
        target: { column: label, positive: "yes" }
        entity: id
        fields: { note: { type: text } }

        """;

    private static string Csv(Func<int, string> region)
    {
        var random = new Random(5);
        var lines = new List<string> { "id,x,region,note,label" };
        for (var i = 0; i < 400; i++)
        {
            var x = random.NextDouble();
            lines.Add(FormattableString.Invariant($"c{i},{x:0.###},{region(i)},\"a note about case {i} and {(x > 0.5 ? "high" : "low")} values\",{(random.NextDouble() < x ? "yes" : "no")}"));
        }
        return string.Join("\n", lines);
    }

    [Theory]
    [InlineData("model_tests: { expectations: [{ name: ids, field: id, invariant: [c1, c2] }] }", "model_tests.expectations[0].field: 'id' is not a model input")]
    [InlineData("model_tests: { expectations: [{ name: notes, field: note, invariant: [a, b] }] }", "model_tests.expectations[0].field: 'note' is free text")]
    [InlineData("model_tests: { expectations: [{ name: regions, field: region, direction: increasing }] }", "only a number can be raised")]
    [InlineData("fields: { note: { type: text }, region: { protected: true } }", "fields.region.protected: 'region' has a single value ('north')")]
    public async Task Model_tests_the_data_cannot_run_are_refused_before_anything_is_registered(string tests, string message)
    {
        var spec = tests.StartsWith("fields", StringComparison.Ordinal) ? Small.Replace("fields: { note: { type: text } }\n", "") + tests : Small + tests;
        await using var temp = await Training.TrainingScenario.CreateAsync(spec, Csv(_ => "north"));
        var error = await Assert.ThrowsAsync<GraftException>(() => Training.TrainingScenario.TrainAsync(temp, "small"));
        Assert.Contains(message, error.Message);
        Assert.Empty(await new ModelRegistry(temp.Home).ListAsync("small", default));
    }
}
