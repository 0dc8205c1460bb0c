using System.Globalization;
using Graft.Audit;
using Graft.Data;
using Graft.Serving;

namespace Graft.Tests.Training;

public class FreeTextWithPiiTrainingTests
{
    private const string Spec = """
        id: sms-spam
        title: Is this message spam?
        task: binary
        target: { column: label, positive: spam }
        metric: roc_auc
        """;

    private static readonly string[] Spam = ["WINNER! You have won a {0} prize, reply YES to claim", "Free entry to win a {0}, text WIN now", "URGENT: your {0} voucher expires today, claim it"];
    private static readonly string[] Ham = ["Are we still on for lunch on {0}?", "I'll be late, see you at the {0} place", "Can you pick up some bread for {0}?"];
    private static readonly string[] Words = ["Monday", "cash", "holiday", "phone", "Friday", "cinema", "car", "usual"];

    /// <summary>
    /// The defect: in a public SMS collection 0.7 % of messages hold a phone number; the audit marked the whole text
    /// field sensitive, the policy refused to train on it, and training failed with no field left to train on.
    /// </summary>
    [Fact]
    public async Task Free_text_with_a_phone_number_in_some_messages_is_trained_with_placeholders_not_dropped()
    {
        var random = new Random(7);
        var labels = new string?[1000];
        var texts = new string?[1000];
        for (var i = 0; i < texts.Length; i++)
        {
            var spam = random.NextDouble() < 0.2;
            labels[i] = spam ? "spam" : "ham";
            // Each message its own, as real ones are (repeated texts would read as a leak of the label).
            texts[i] = string.Format(CultureInfo.InvariantCulture, (spam ? Spam : Ham)[random.Next(3)], Words[random.Next(Words.Length)]) + $" ({i})";
            if (i % 143 == 7) // 7 of 1,000
            {
                texts[i] += string.Create(CultureInfo.InvariantCulture, $" Call 0800-555-0{i:D3} now");
            }
        }
        var audit = DataAuditor.Run(new Frame(["text", "label"], [texts, labels]), Graft.UseCases.SpecReader.Parse(Spec), "sms.csv");
        await using var temp = await TrainingScenario.CreateAsync(Spec, PlantedPii.Csv(("text", texts), ("label", labels)));

        var result = await TrainingScenario.TrainAsync(temp, "sms-spam");

        Assert.Equal(7, audit.Findings.Single(f => f.Code == FindingCodes.PiiInText && f.Field == "text").Numbers["phone_rows"]);
        Assert.DoesNotContain(audit.Findings, f => f.Code == FindingCodes.SensitiveField);
        Assert.DoesNotContain("text", result.LeftOut.Keys);
        Assert.True(result.Candidates.Single(c => c.Version == result.Best).Metrics["roc_auc"] > 0.95);
        foreach (var version in result.Candidates.Skip(1).Select(c => c.Version!))
        {
            var model = await LoadedModel.LoadAsync(temp.Home, version, default);
            Assert.Equal("text", Assert.Single(model.Card.Inputs).Field);
            var scores = new[] { "0800-555-0123", "+44 20 7946 0958", TextPlaceholders.Phone }
                .Select(phone => model.Score(new Dictionary<string, object?> { ["text"] = $"Free entry to win a car, text WIN now Call {phone} now" }, explain: false).Score)
                .ToList();
            Assert.All(scores, s => Assert.Equal(scores[0], s));
        }
    }
}
