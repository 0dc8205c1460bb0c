using Graft.Audit;
using Graft.Data;
using Graft.Serving;
using Graft.Tests.Storage;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Tests.Training;

/// <summary>
/// Text-only use cases on the real BANKING77 queries with an email or phone number planted in about 1 % of them (the
/// way customers add contact details to a message): the audit finds pii_in_text, the text is still trained on, it
/// keeps the quality of the clean data, and what the models read are the placeholders. Measured on 2026-12-06:
/// intents, linear, accuracy 0.8961 planted against 0.8958 clean; card queries (the ten card_* intents, 13 % of
/// rows) against the rest, ROC AUC 0.9887 planted and clean for linear, 0.9777 planted and 0.9779 clean for
/// LightGBM. Only the linear family is trained here, the best on both and a fraction of the time.
/// </summary>
public class Banking77PlantedPiiTests
{
    private const double Share = 0.01;

    private static readonly Lazy<(Frame Train, Frame Test)> Data = new(() => (TestData.Load("banking77/train.csv"), TestData.Load("banking77/test.csv")));

    private const string IntentSpec = """
        id: banking-intents
        title: Banking intents
        task: multiclass
        target: { column: category }
        metric: accuracy
        trainers: [linear]
        """;

    private const string CardSpec = """
        id: card-queries
        title: Is this query about a card?
        task: binary
        target: { column: about_card, positive: "yes" }
        metric: roc_auc
        trainers: [linear]
        """;

    [Fact]
    public void With_contact_details_planted_in_1_percent_of_texts_the_audit_finds_pii_in_text_not_a_sensitive_field()
    {
        var (texts, planted) = PlantedPii.Into(Data.Value.Train.Column("text"), Share, seed: 1);
        var frame = new Frame(["text", "category"], [texts, Data.Value.Train.Column("category")]);

        var report = DataAuditor.Run(frame, SpecReader.Parse(IntentSpec), "train.csv");

        Assert.InRange(planted.Count, 80, 120);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.SensitiveField);
        var finding = Assert.Single(report.Findings, f => f.Code == FindingCodes.PiiInText);
        Assert.Equal(("text", planted.Count), (finding.Field, (int)finding.Numbers["rows"])); // every planted row, and nothing else
        Assert.True(finding.Numbers["email_rows"] > 20 && finding.Numbers["phone_rows"] > 20, finding.Message);
        Assert.True(report.Field("text")!.Use.Train);
    }

    [Fact]
    public async Task With_planted_contact_details_the_intents_train_on_the_text_and_reach_accuracy_0_87_on_the_test_file()
    {
        var train = PlantedPii.Into(Data.Value.Train.Column("text"), Share, seed: 1).Texts;
        var test = PlantedPii.Into(Data.Value.Test.Column("text"), Share, seed: 2).Texts;
        await using var temp = await TempHome.CreateAsync();

        var result = await TrainAsync(temp, IntentSpec,
            PlantedPii.Csv(("text", train), ("category", Data.Value.Train.Column("category"))),
            PlantedPii.Csv(("text", test), ("category", Data.Value.Test.Column("category"))));

        Assert.DoesNotContain("text", result.LeftOut.Keys);
        Assert.Equal(3_080, result.Split.TestRows);
        var accuracy = result.Candidates.Single(c => c.Version == result.Best).Metrics["accuracy"];
        Assert.True(accuracy >= 0.87, $"best accuracy {accuracy:0.0000}"); // the floor of the clean data (RealDataTrainingTests)
    }

    [Fact]
    public async Task Card_queries_against_the_rest_reach_roc_auc_0_98_from_text_with_planted_contact_details()
    {
        var (train, plantedRows) = PlantedPii.Into(Data.Value.Train.Column("text"), Share, seed: 1);
        var test = PlantedPii.Into(Data.Value.Test.Column("text"), Share, seed: 2).Texts;
        await using var temp = await TempHome.CreateAsync();

        var result = await TrainAsync(temp, CardSpec,
            PlantedPii.Csv(("text", train), ("about_card", AboutCard(Data.Value.Train))),
            PlantedPii.Csv(("text", test), ("about_card", AboutCard(Data.Value.Test))));

        var auc = result.Candidates.Single(c => c.Version == result.Best).Metrics["roc_auc"];
        Assert.True(auc >= 0.98, $"best ROC AUC {auc:0.0000}; {string.Join(", ", result.Candidates.Select(c => $"{c.Name} {c.Metrics["roc_auc"]:0.0000}"))}");
        Assert.True(result.Gate.Passed);

        // What the model reads: the planted rows with placeholders, and a phone scored as any other phone (the linear
        // model reads character n-grams, so raw digits would move its score).
        var card = (await LoadedModel.LoadAsync(temp.Home, result.Best!, default)).Card;
        var table = TrainingTable.Create(new Frame(["text", "about_card"], [train, AboutCard(Data.Value.Train)]), "about_card",
            new FeaturePlan(card.Inputs, new Dictionary<string, string>()), LabelEncoding.Create(SpecReader.Parse(CardSpec), AboutCard(Data.Value.Train)));
        var seen = plantedRows.Select(r => ((string?[])table.Columns[0])[r]!).ToList();
        Assert.All(seen, text => Assert.Matches("<PHONE>|<EMAIL>", text));
        Assert.All(seen, text => Assert.DoesNotMatch(@"@example\.|555[.-]01", text));
        var query = Data.Value.Test.Column("text")[0];
        foreach (var version in result.Candidates.Skip(1).Select(c => c.Version!))
        {
            var model = await LoadedModel.LoadAsync(temp.Home, version, default);
            var scores = new[] { "+44 20 7946 0123", "(312) 555-0188", "+1-907-555-0101", TextPlaceholders.Phone }
                .Select(phone => model.Score(new Dictionary<string, object?> { ["text"] = $"{query} Call me on {phone}" }, explain: false).Score).ToList();
            Assert.All(scores, s => Assert.Equal(scores[0], s));
            Assert.Equal(scores[0], BatchScorer.Score(model, new Frame(["text"], [[$"{query} Call me on +44 20 7946 0123"]])).Scores![0]);
        }
    }

    private static string?[] AboutCard(Frame frame) => [.. frame.Column("category").Select(c => c!.StartsWith("card_", StringComparison.Ordinal) ? "yes" : "no")];

    private static async Task<TrainingResult> TrainAsync(TempHome temp, string spec, string trainCsv, string testCsv)
    {
        var applied = await new UseCaseCatalog(temp.Home).ApplyAsync(spec, "spec.yaml", Testing.TestActors.Tester, default);
        await new DatasetCatalog(temp.Home).ImportAsync(applied.UseCaseId, temp.File("train.csv", trainCsv), Testing.TestActors.Tester, default);
        return await new TrainingRunner(temp.Home).RunAsync(new TrainingRequest(applied.UseCaseId, TestFile: temp.File("test.csv", testCsv)), Testing.TestActors.Tester, null, default);
    }
}
