using Graft.Data;
using Graft.ModelTests;
using Graft.UseCases;

namespace Graft.Tests.ModelTests;

/// <summary>
/// Fairlearn's definitions on real data: Telco customers by gender and by SeniorCitizen, decided by a fixed score,
/// against the same measures counted here group by group in a few lines of LINQ (MetricFrame's <c>by_group</c>, then
/// <c>difference()</c> and <c>ratio()</c> between groups; equalized odds as the larger of the TPR and FPR differences).
/// </summary>
public class TelcoFairnessTests
{
    [Fact]
    public void Telco_by_gender_and_senior_citizen_matches_fairlearns_definitions()
    {
        var frame = TestData.Load("telco/WA_Fn-UseC_-Telco-Customer-Churn.csv");
        var labels = frame.Column("Churn").Select(c => c == "Yes" ? 1f : 0f).ToArray();
        var charges = frame.Column("MonthlyCharges").Select(Values.Number).ToArray();
        var scores = charges.Select(c => Math.Clamp(c / 120, 0, 1)).ToArray(); // decided positive from 60 a month
        var rows = new TestRows(TaskKind.Binary, frame, labels, ["No", "Yes"],
            frame.Names.ToDictionary(n => n, n => n is "MonthlyCharges" or "SeniorCitizen" ? FieldType.Number : FieldType.Category));
        var spec = ModelTestTables.Spec("fields: { gender: { protected: true }, SeniorCitizen: { protected: true } }", metric: "recall");
        var results = FairnessReport.Run(spec.ModelTests, "recall", rows, new TestedCandidate("m", "m-v1", scores, 0.5, null), spec.Protected);

        foreach (var field in new[] { "gender", "SeniorCitizen" })
        {
            var column = frame.Column(field);
            var groups = Enumerable.Range(0, frame.RowCount).GroupBy(i => column[i]!).ToDictionary(g => g.Key, g => g.ToList());
            double SelectionRate(List<int> g) => g.Count(i => scores[i] >= 0.5) / (double)g.Count;
            double Tpr(List<int> g) => g.Count(i => labels[i] == 1 && scores[i] >= 0.5) / (double)g.Count(i => labels[i] == 1);
            double Fpr(List<int> g) => g.Count(i => labels[i] == 0 && scores[i] >= 0.5) / (double)g.Count(i => labels[i] == 0);
            var selection = groups.Values.Select(SelectionRate).ToList();
            var tpr = groups.Values.Select(Tpr).ToList();
            var fpr = groups.Values.Select(Fpr).ToList();

            var result = results.Single(r => r.Field == field);
            Assert.Equal(groups.Keys.Order(), result.Groups.Keys.Order());
            foreach (var (value, members) in groups)
            {
                Assert.Equal(members.Count, result.Groups[value].Rows);
                Assert.Equal(SelectionRate(members), result.Groups[value].SelectionRate!.Value, 12);
                Assert.Equal(Tpr(members), result.Groups[value].Tpr!.Value, 12);
                Assert.Equal(Fpr(members), result.Groups[value].Fpr!.Value, 12);
                Assert.Equal(Tpr(members), result.Groups[value].Metric!.Value, 12); // recall is the TPR
            }
            Assert.Equal(selection.Max() - selection.Min(), result.DemographicParityDifference!.Value, 12);
            Assert.Equal(selection.Min() / selection.Max(), result.DemographicParityRatio!.Value, 12);
            Assert.Equal(Math.Max(tpr.Max() - tpr.Min(), fpr.Max() - fpr.Min()), result.EqualizedOddsDifference!.Value, 12);
        }
        // the figures themselves: seniors are decided positive far more often (they pay more a month)
        var senior = results.Single(r => r.Field == "SeniorCitizen");
        Assert.True(senior.DemographicParityDifference > 0.2, $"{senior.DemographicParityDifference}");
        Assert.True(results.Single(r => r.Field == "gender").DemographicParityDifference < 0.05);
    }
}
