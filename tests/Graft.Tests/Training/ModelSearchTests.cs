using System.Text.Json;
using Graft.Data;
using Graft.Testing;
using Graft.Training;
using Graft.UseCases;
using Microsoft.ML;

namespace Graft.Tests.Training;

public class ModelSearchTests
{
    [Fact]
    public void Settings_the_time_budget_skips_are_listed_without_a_score_and_the_search_still_serializes()
    {
        var spec = SpecReader.Parse(ToyData.Spec);
        var frame = DelimitedFile.Read(System.Text.Encoding.UTF8.GetBytes(ToyData.Csv(300)), "toy.csv");
        var plan = FeaturePlan.Create(spec, SchemaInference.Infer(frame), new Dictionary<string, string>());
        var table = TrainingTable.Create(frame, "label", plan, LabelEncoding.Create(spec, frame.Column("label")));
        var (fit, validation) = (table.Subset([.. Enumerable.Range(0, 200)]), table.Subset([.. Enumerable.Range(200, 100)]));
        var configs = TrainerCatalog.For(TaskKind.Binary).Where(c => c.Family == TrainerCatalog.Linear).ToList();
        Assert.True(configs.Count >= 2, "the linear family tries more than one setting");

        var trained = ModelSearch.Run(new MLContext(seed: 1), spec, fit, validation, configs, seed: 1, budget: TimeSpan.Zero);

        Assert.Equal(configs.Count, trained.Tried.Count);
        Assert.NotNull(trained.Tried[0].ValidationScore); // the first setting is always tried
        Assert.All(trained.Tried.Skip(1), step =>
        {
            Assert.Null(step.ValidationScore);
            Assert.Contains("skipped: the family's time budget was spent", step.Parameters);
        });
        Assert.Contains("\"ValidationScore\":null", JsonSerializer.Serialize(trained.Tried)); // NaN made the whole training run fail here
    }
}
