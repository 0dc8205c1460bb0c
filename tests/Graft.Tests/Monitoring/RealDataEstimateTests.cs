using Graft.Data;
using Graft.Monitoring;
using Graft.Registry;
using Graft.Serving;
using Graft.Testing;
using Graft.Tests.Review;
using Graft.Tests.Storage;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Tests.Monitoring;

/// <summary>
/// Quality estimated without labels on real data: a model trained on 5,000 Telco customers (../shared/datasets/telco)
/// serves the 2,043 it never saw; over windows drawn from those answers, the realized ROC AUC and accuracy fall inside
/// the band estimated from the scores alone in at least 95 % of them.
/// </summary>
public class RealDataEstimateTests
{
    private const string Spec = Feedback.FeedbackRoundTripTests.Spec + "\nstage: auto";

    [Fact]
    public async Task On_customers_the_model_never_saw_the_estimated_band_holds_the_realized_metric_in_95_percent_of_windows()
    {
        var frame = TestData.Load("telco/WA_Fn-UseC_-Telco-Customer-Churn.csv");
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec, "telco.yaml", TestActors.Tester, default);
        var train = temp.File("train.csv", System.Text.Encoding.UTF8.GetString(DelimitedFile.Write(frame.Rows([.. Enumerable.Range(0, 5_000)]))));
        var dataset = (await new DatasetCatalog(temp.Home).ImportAsync("telco-churn", train, TestActors.Tester, default)).Version;
        var result = await new TrainingRunner(temp.Home).RunAsync(new TrainingRequest("telco-churn"), TestActors.Tester, null, default);
        var version = await new ModelRegistry(temp.Home).GetAsync(result.Best!, default);
        var reference = ReferenceProfile.Parse(version.ReferenceJson)!;
        var card = await new ModelRegistry(temp.Home).CardAsync(version.Id, default);

        var unseen = Enumerable.Range(5_000, frame.RowCount - 5_000).ToList();
        var answers = await ReviewScenario.PredictAsync(temp.Home, "telco-churn", unseen.Select(r => Feedback.FeedbackRoundTripTests.Request(frame, dataset.Schema(), r)));
        var scored = answers.Select((a, i) => (Answer: a, Label: frame.Column("Churn")[unseen[i]] == "Yes" ? 1f : 0f))
            .Where(a => a.Answer.ModelVersion is not null).Select(a => (a.Answer.Score, a.Label)).ToList(); // the model's answers, not the rule's
        Assert.True(scored.Count > 1_900, $"{scored.Count} of {unseen.Count} answered by the model");

        var edges = reference.Score.Shape!.Edges;
        var random = new Random(5);
        var inside = new Dictionary<string, int> { ["roc_auc"] = 0, ["accuracy"] = 0 };
        const int Windows = 100;
        for (var w = 0; w < Windows; w++)
        {
            var window = Enumerable.Range(0, 500).Select(_ => scored[random.Next(scored.Count)]).ToList();
            var counts = BinCounts.For(edges.Length + 1);
            foreach (var (score, _) in window)
            {
                counts.AddNumber(ReferenceProfile.BinOf(edges, score!.Value), score.Value);
            }
            var estimated = QualityEstimator.Estimate(edges, reference.Calibration!, counts, ModelNumbers.Threshold(card))!;
            var realized = Evaluator.Evaluate(TaskKind.Binary, [.. window.Select(x => x.Label)], [.. window.Select(x => x.Score!.Value)], 2, ModelNumbers.Threshold(card)).Values;
            foreach (var metric in inside.Keys)
            {
                inside[metric] += estimated[metric].Lower <= realized[metric] && realized[metric] <= estimated[metric].Upper ? 1 : 0;
            }
        }
        Assert.All(inside, m => Assert.True(m.Value >= 0.95 * Windows, $"{m.Key}: {m.Value} of {Windows} windows inside the band"));
    }
}
