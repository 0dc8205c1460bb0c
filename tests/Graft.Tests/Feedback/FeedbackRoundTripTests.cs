using Graft.Data;
using Graft.Feedback;
using Graft.Registry;
using Graft.Serving;
using Graft.Testing;
using Graft.Tests.Review;
using Graft.Tests.Storage;
using Graft.Training;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Feedback;

/// <summary>
/// The loop on the Telco churn data: import, train, serve a sample of customers, record what happened to them, export
/// those predictions with their outcomes, and train again on the imported data and the export together.
/// </summary>
public class FeedbackRoundTripTests
{
    internal const string Spec = """
        id: telco-churn
        title: Telco churn
        task: binary
        target: { column: Churn, positive: "Yes" }
        entity: customerID
        rule: "Contract == 'Month-to-month' and tenure < 12"
        trainers: [linear]
        """;

    private const int Served = 200;

    [Fact]
    public async Task Served_predictions_with_their_outcomes_train_again_with_the_data_they_came_from()
    {
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec, "telco.yaml", TestActors.Tester, default);
        var original = (await new DatasetCatalog(temp.Home).ImportAsync("telco-churn", TestData.PathOf("telco/WA_Fn-UseC_-Telco-Customer-Churn.csv"), TestActors.Tester, default)).Version;
        await new TrainingRunner(temp.Home).RunAsync(new TrainingRequest("telco-churn"), TestActors.Tester, null, default);
        var frame = TestData.Load("telco/WA_Fn-UseC_-Telco-Customer-Churn.csv");
        var rows = Enumerable.Range(0, Served).Select(i => i * (frame.RowCount / Served)).ToList();
        var answers = await ReviewScenario.PredictAsync(temp.Home, "telco-churn", rows.Select(r => Request(frame, original.Schema(), r)));
        temp.Time.Advance(TimeSpan.FromDays(30));
        var churned = frame.Column("Churn");
        await new OutcomeRecorder(temp.Home).RecordAsync("telco-churn",
            [.. answers.Select((a, i) => new OutcomeReport(a.PredictionId, null, null, churned[rows[i]], null))], TestActors.Tester, default);

        var export = await new FeedbackExport(temp.Home).ExportAsync("telco-churn", null, TestActors.Tester, default);
        var result = await new TrainingRunner(temp.Home).RunAsync(new TrainingRequest("telco-churn", [original.Id, export.Dataset]), TestActors.Tester, null, default);

        Assert.Equal((Served, Served, 0), (export.Rows, export.FromOutcomes, export.FromReviews));
        Assert.Equal([original.Id, export.Dataset], result.Datasets);
        Assert.Equal(frame.RowCount + Served, result.Split.TrainRows + result.Split.ValidationRows + result.Split.TestRows);
        var version = await new ModelRegistry(temp.Home).GetAsync(result.Best!, default);
        Assert.Equal([(original.Id, original.Sha256, frame.RowCount), (export.Dataset, export.Sha256, Served)],
            version.Datasets().Select(d => (d.Id, d.Sha256, d.Rows ?? 0)));
        Assert.Equal(original.Id, version.DatasetVersionId);
        var card = await new ModelRegistry(temp.Home).CardAsync(version.Id, default);
        Assert.Empty(card.Inputs.Select(i => i.Field).Intersect(["prediction_id", "predicted_at", "label_source", "labelled_at"]));
        Assert.Equal("the entity key", result.LeftOut["customerID"]);
        await using var db = temp.Home.CreateDb();
        Assert.True(await db.Audits.AnyAsync(a => a.DatasetVersionId == $"{original.Id}+{export.Dataset}")); // the union is what was audited
    }

    /// <summary>A row of the file as the app would send it: the customer as the entity, numbers as numbers, a blank as null.</summary>
    /// <summary>A Telco row as a request: every field of the schema but the entity and the target, numbers as numbers.</summary>
    internal static PredictionRequest Request(Frame frame, IReadOnlyList<FieldSchema> schema, int row)
    {
        var inputs = new Dictionary<string, InputValue>(StringComparer.Ordinal);
        foreach (var field in schema.Where(f => f.Name is not ("customerID" or "Churn")))
        {
            var text = frame.Column(field.Name)[row];
            inputs[field.Name] = text is null ? InputValue.Null : field.Type == FieldType.Number ? InputValue.Of(Values.Number(text)) : InputValue.Of(text);
        }
        return new PredictionRequest(frame.Column("customerID")[row], inputs);
    }
}
