using Graft.Testing;
using System.Globalization;

namespace Graft.Tests.Training;

public class TaskKindsTrainingTests
{
    [Fact]
    public async Task Regression_models_beat_a_constant_rule_on_rmse()
    {
        var random = new Random(3);
        var lines = new List<string> { "id,distance_km,region,delivery_days" };
        for (var i = 0; i < 500; i++)
        {
            var distance = random.NextDouble() * 1000;
            var region = i % 2 == 0 ? "north" : "south";
            var days = 1 + distance / 200 + (region == "north" ? 1 : 0) + random.NextDouble() * 0.5;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"d{i},{distance:0.#},{region},{days:0.##}"));
        }
        const string spec = "id: delivery\ntitle: Delivery days\ntask: regression\ntarget: {column: delivery_days}\nentity: id\nrule: \"3\"\n";
        await using var temp = await TrainingScenario.CreateAsync(spec, string.Join('\n', lines) + "\n");

        var result = await TrainingScenario.TrainAsync(temp, "delivery");

        var rule = result.Candidates[0].Metrics;
        var best = result.Candidates.Single(c => c.Version == result.Best).Metrics;
        Assert.Equal("rmse", result.Metric);
        Assert.True(best["rmse"] < rule["rmse"] / 3, $"model {best["rmse"]} vs rule {rule["rmse"]}");
        Assert.True(best["r2"] > 0.9);
        Assert.True(result.Gate.Passed);
        Assert.True(result.Gate.Improvement > 0, "for rmse, improvement is the rule's error minus the model's");
    }

    [Fact]
    public async Task Multiclass_models_learn_from_text_and_the_rule_yields_a_class()
    {
        string[] topics = ["refund", "password", "delivery"];
        var random = new Random(5);
        var lines = new List<string> { "id,message,team" };
        for (var i = 0; i < 600; i++)
        {
            var t = random.Next(3);
            var text = t switch
            {
                0 => "I want my money back for the order",
                1 => "cannot log in, reset my password please",
                _ => "where is my parcel, delivery is late",
            };
            lines.Add($"m{i},\"{text} #{random.Next(1000)}\",{topics[t]}");
        }
        const string spec = """
            id: routing
            title: Route messages
            task: multiclass
            target: { column: team }
            entity: id
            fields: { message: { type: text } }
            rule: "case when contains(lower(message), 'password') then 'password' else 'refund' end"
            metric: macro_f1
            """;
        await using var temp = await TrainingScenario.CreateAsync(spec, string.Join('\n', lines) + "\n");

        var result = await TrainingScenario.TrainAsync(temp, "routing");

        var rule = result.Candidates[0].Metrics;
        Assert.InRange(rule["accuracy"], 0.55, 0.75); // right on password and refund, wrong on delivery
        Assert.All(result.Candidates.Skip(1), c => Assert.True(c.Metrics["accuracy"] > 0.95, $"{c.Name}: {c.Metrics["accuracy"]}"));
    }

    [Fact]
    public async Task A_rule_naming_a_missing_field_is_refused_with_a_suggestion()
    {
        const string spec = "id: toy\ntitle: Toy\ntask: binary\ntarget: {column: label, positive: 'yes'}\nrule: \"colour == 'red' and xx > 3\"\n";
        await using var temp = await TrainingScenario.CreateAsync(spec, ToyData.Csv(200));

        var error = await Assert.ThrowsAsync<GraftException>(() => TrainingScenario.TrainAsync(temp, "toy"));

        Assert.Equal(FailureKind.Invalid, error.Kind); // at the boundary, with the spec check, before anything is audited or stored
        Assert.Contains("'xx'", error.Message);
    }
}
