using Graft.Testing;
using System.Text.Json;
using Graft.Registry;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Training;

public class TrainingRunnerTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n" + """
        metric: roc_auc
        gates: { baseline_margin: 0.05 }
        """;

    [Fact]
    public async Task A_test_file_without_an_input_the_models_use_is_refused_naming_it()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, Graft.Testing.ToyData.Csv(200));
        var testFile = temp.File("test.csv", "id,colour,label\nt1,red,yes\nt2,blue,no\n");

        var error = await Assert.ThrowsAsync<GraftException>(() => TrainingScenario.TrainAsync(temp, "toy", testFile));

        Assert.Equal(FailureKind.Invalid, error.Kind);
        Assert.Equal("the test file lacks 1 input field(s) the models use: x", error.Message);
        Assert.Empty(await new Graft.Registry.ModelRegistry(temp.Home).ListAsync("toy", default)); // nothing registered
    }

    [Fact]
    public async Task A_learnable_target_beats_a_useless_rule_and_the_best_model_becomes_champion()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(600));

        var result = await TrainingScenario.TrainAsync(temp, "toy");

        var rule = result.Candidates[0];
        Assert.Equal(("rule", "rule"), (rule.Name, rule.Kind));
        Assert.InRange(rule.Metrics["roc_auc"], 0.35, 0.65);
        Assert.All(result.Candidates.Skip(1), c => Assert.True(c.Metrics["roc_auc"] > 0.8, $"{c.Name}: {c.Metrics["roc_auc"]}"));
        Assert.True(result.Gate.Passed);
        Assert.Equal("roc_auc", result.Gate.Metric);
        Assert.Equal(0.05, result.Gate.Margin);
        Assert.Equal(result.Best, result.Champion);
        Assert.Equal(["toy-v1", "toy-v2"], result.Candidates.Skip(1).Select(c => c.Version));
        Assert.Equal("the entity key", result.LeftOut["id"]);
        Assert.Equal(("random", 480, 120), (result.Split.Kind, result.Split.TrainRows + result.Split.ValidationRows, result.Split.TestRows));
    }

    [Fact]
    public async Task Every_candidate_is_registered_with_its_lineage_and_artifact()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(400));
        var result = await TrainingScenario.TrainAsync(temp, "toy");

        var versions = await new ModelRegistry(temp.Home).ListAsync("toy", default);

        Assert.Equal(2, versions.Count);
        foreach (var v in versions)
        {
            Assert.Equal(result.Run, v.TrainingRunId);
            Assert.Equal(result.Dataset, v.DatasetVersionId);
            Assert.Equal(64, v.DatasetSha256.Length);
            Assert.Equal(1, v.SpecRevision);
            Assert.Equal(42, v.Seed);
            Assert.True(temp.Home.Artifacts.Exists(v.ArtifactKey));
            var metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(v.MetricsJson)!;
            Assert.Equal(result.Candidates.Single(c => c.Version == v.Id).Metrics["roc_auc"], metrics["roc_auc"]);
            using var reference = JsonDocument.Parse(v.ReferenceJson);
            Assert.Equal(["x", "colour"], reference.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("field").GetString()));
        }
    }

    [Fact]
    public async Task A_model_that_cannot_beat_the_rule_by_the_margin_fails_the_gate_and_is_not_champion()
    {
        var spec = Spec.Replace("colour == 'red'", "x > 6").Replace("baseline_margin: 0.05", "baseline_margin: 0.2");
        await using var temp = await TrainingScenario.CreateAsync(spec, ToyData.Csv(400));

        var result = await TrainingScenario.TrainAsync(temp, "toy");

        Assert.False(result.Gate.Passed);
        Assert.True(result.Gate.Improvement < 0.2);
        Assert.Null(result.Champion);
        Assert.Equal(2, (await new ModelRegistry(temp.Home).ListAsync("toy", default)).Count);
    }

    [Fact]
    public async Task A_leaking_field_blocks_training_until_the_spec_excludes_it_and_nothing_is_registered()
    {
        var csv = ToyData.Csv(300).Replace("id,x,colour,label", "id,x,colour,label,outcome_code");
        csv = string.Join('\n', csv.Split('\n').Select((line, i) => i == 0 || line.Length == 0 ? line : line + (line.EndsWith("yes") ? ",C1" : ",C0")));
        await using var temp = await TrainingScenario.CreateAsync(Spec, csv);

        var error = await Assert.ThrowsAsync<GraftException>(() => TrainingScenario.TrainAsync(temp, "toy"));

        Assert.Equal(FailureKind.Blocked, error.Kind);
        Assert.Contains("leakage_suspect on outcome_code", error.Message);
        await using (var db = temp.Home.CreateDb())
        {
            Assert.Equal(0, await db.ModelVersions.CountAsync());
            Assert.Equal(0, await db.TrainingRuns.CountAsync());
        }
        Assert.False(Directory.Exists(Path.Combine(temp.Root, "artifacts", "models")));

        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec + "\nexclude: [outcome_code]\n", "spec.yaml", Testing.TestActors.Tester, default);
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        Assert.Equal("excluded by the spec", result.LeftOut["outcome_code"]);
    }

    [Fact]
    public async Task A_second_run_numbers_versions_on_and_keeps_the_first_champion()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var first = await TrainingScenario.TrainAsync(temp, "toy");
        var second = await TrainingScenario.TrainAsync(temp, "toy");

        Assert.Equal(["toy-v3", "toy-v4"], second.Candidates.Skip(1).Select(c => c.Version));
        Assert.Equal(first.Champion, second.Champion);
    }

    [Fact]
    public async Task A_single_class_target_is_refused_with_a_clear_message()
    {
        var csv = "id,x,label\n" + string.Join('\n', Enumerable.Range(0, 50).Select(i => $"r{i},{i},yes")) + "\n";
        await using var temp = await TrainingScenario.CreateAsync(Spec.Replace("rule: \"colour == 'red'\"\n", ""), csv);

        var error = await Assert.ThrowsAsync<GraftException>(() => TrainingScenario.TrainAsync(temp, "toy"));

        Assert.Contains("two classes", error.Message);
    }
}
