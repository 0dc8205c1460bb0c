using System.Globalization;
using Graft.Data;
using Graft.Serving;
using Graft.Tests.Training;

namespace Graft.Tests.Serving;

/// <summary>An answer's explanation adds up: its base, the listed fields and the rest are the answer's log-odds or value.</summary>
public class ExplanationTests
{
    [Fact]
    public async Task A_binary_answers_base_contributions_and_rest_add_up_to_the_log_odds_of_its_score_for_every_model()
    {
        var (temp, frame) = await TrainingScenario.DemoAsync(1500, 7);
        await using var _ = temp;
        var result = await TrainingScenario.TrainAsync(temp, "churn-risk");

        foreach (var version in result.Candidates.Skip(1).Select(c => c.Version!))
        {
            var model = await LoadedModel.LoadAsync(temp.Home, version, default);
            var answers = model.Score(InputColumns.From(model.Card, frame.Rows([.. Enumerable.Range(0, 200)])), explain: true);
            Assert.Contains(answers, a => a.ExplanationOther != 0); // twelve inputs, five listed: the rest is not empty
            foreach (var answer in answers)
            {
                var logOdds = answer.ExplanationBase!.Value + answer.Explanation.Sum(c => c.Value) + answer.ExplanationOther!.Value;
                Assert.Equal(answer.Score!.Value, 1 / (1 + Math.Exp(-logOdds)), 2e-6); // the score is shown to seven digits
            }
        }
    }

    [Fact]
    public async Task A_tree_models_base_is_the_mean_log_odds_of_the_rows_it_was_fitted_on()
    {
        await using var temp = await TrainingScenario.CreateAsync(Graft.Testing.ToyData.Spec + "\ntrainers: [lightgbm]\n", Graft.Testing.ToyData.Csv(600));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var model = await LoadedModel.LoadAsync(temp.Home, result.Best!, default);

        var answer = model.Score(new Dictionary<string, object?> { ["x"] = 5.0, ["colour"] = "red" });

        Assert.NotNull(model.Card.LeafCover);
        Assert.Equal(result.Split.TrainRows, model.Card.LeafCover!.Sum(tree => tree.Sum()) / model.Card.LeafCover!.Count); // every fitted row reached one leaf a tree
        // About 40 % of the toy's rows are positive, so an average row's log-odds are near log(0.4 / 0.6).
        Assert.InRange(answer.ExplanationBase!.Value, Math.Log(0.3 / 0.7), Math.Log(0.5 / 0.5));
    }

    [Fact]
    public async Task A_regression_answers_base_contributions_and_rest_add_up_to_its_value()
    {
        var random = new Random(3);
        var lines = new List<string> { "id,distance_km,region,weight_kg,delivery_days" };
        for (var i = 0; i < 600; i++)
        {
            var distance = random.NextDouble() * 1000;
            var region = new[] { "north", "south", "east" }[i % 3];
            var weight = random.NextDouble() * 30;
            var days = 1 + distance / 200 + (region == "north" ? 1 : 0) + weight / 20 + random.NextDouble() * 0.5;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"d{i},{distance:0.#},{region},{weight:0.#},{days:0.##}"));
        }
        await using var temp = await TrainingScenario.CreateAsync("id: delivery\ntitle: Delivery days\ntask: regression\ntarget: {column: delivery_days}\nentity: id\n",
            string.Join('\n', lines) + "\n");
        var result = await TrainingScenario.TrainAsync(temp, "delivery");
        var frame = DelimitedFile.Read(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines)), "d.csv");

        foreach (var version in result.Candidates.Skip(1).Select(c => c.Version!))
        {
            var model = await LoadedModel.LoadAsync(temp.Home, version, default);
            foreach (var answer in model.Score(InputColumns.From(model.Card, frame.Rows([.. Enumerable.Range(0, 100)])), explain: true))
            {
                var sum = answer.ExplanationBase!.Value + answer.Explanation.Sum(c => c.Value) + answer.ExplanationOther!.Value;
                Assert.Equal(answer.Value!.Value, sum, 1e-4 * Math.Max(1, Math.Abs(sum)));
            }
        }
    }
}
