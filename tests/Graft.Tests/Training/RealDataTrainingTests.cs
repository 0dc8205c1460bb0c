using Graft.Tests.Storage;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Tests.Training;

/// <summary>
/// The quality floors on public data: a best model at or above the published-quality floor on each dataset,
/// trained with Graft's general defaults (no per-dataset settings in code).
/// </summary>
public class RealDataTrainingTests
{
    private static async Task<TrainingResult> TrainAsync(string spec, string dataset, string? testFile = null)
    {
        await using var temp = await TempHome.CreateAsync();
        var applied = await new UseCaseCatalog(temp.Home).ApplyAsync(spec, "spec.yaml", Testing.TestActors.Tester, default);
        await new Graft.Data.DatasetCatalog(temp.Home).ImportAsync(applied.UseCaseId, TestData.PathOf(dataset), Testing.TestActors.Tester, default);
        return await new TrainingRunner(temp.Home).RunAsync(new TrainingRequest(applied.UseCaseId, TestFile: testFile is null ? null : TestData.PathOf(testFile)), Testing.TestActors.Tester, null, default);
    }

    private static double Best(TrainingResult result, string metric) =>
        result.Candidates.Single(c => c.Version == result.Best).Metrics[metric];

    [Fact]
    public async Task Telco_churn_reaches_roc_auc_0_84_on_a_stratified_80_20_split()
    {
        var result = await TrainAsync("""
            id: telco-churn
            title: Telco churn
            task: binary
            target: { column: Churn, positive: "Yes" }
            entity: customerID
            rule: "Contract == 'Month-to-month' and tenure < 12"
            split: { kind: random, test_fraction: 0.2 }
            gates: { baseline_margin: 0.02 }
            """, "telco/WA_Fn-UseC_-Telco-Customer-Churn.csv");

        Assert.Equal(1409, result.Split.TestRows);
        Assert.True(Best(result, "roc_auc") >= 0.84, $"best ROC AUC {Best(result, "roc_auc"):0.0000}");
        Assert.True(result.Gate.Passed);
        Assert.Equal("the entity key", result.LeftOut["customerID"]);
    }

    [Fact]
    public async Task Banking77_reaches_accuracy_0_87_on_its_test_file()
    {
        var result = await TrainAsync("""
            id: banking-intents
            title: Banking intents
            task: multiclass
            target: { column: category }
            metric: accuracy
            """, "banking77/train.csv", "banking77/test.csv");

        Assert.Equal(10_003, result.Split.TrainRows + result.Split.ValidationRows);
        Assert.Equal(3_080, result.Split.TestRows);
        Assert.True(Best(result, "accuracy") >= 0.87, $"best accuracy {Best(result, "accuracy"):0.0000}");
    }

    [Fact]
    public async Task Hotel_cancellations_reach_roc_auc_0_89_training_to_2016_and_testing_on_2017()
    {
        var result = await TrainAsync("""
            id: hotel-cancellations
            title: Hotel cancellations
            task: binary
            target: { column: is_canceled, positive: "1" }
            timestamp: { year: arrival_date_year, month: arrival_date_month, day: arrival_date_day_of_month }
            exclude: [reservation_status, reservation_status_date]
            split: { kind: time, test_from: 2017-01-01 }
            rule: "deposit_type == 'Non Refund' or lead_time > 200"
            """, "hotel/hotel_bookings.csv");

        Assert.Equal("time", result.Split.Kind);
        Assert.Equal(40_687, result.Split.TestRows);
        Assert.True(Best(result, "roc_auc") >= 0.89, $"best ROC AUC {Best(result, "roc_auc"):0.0000}");
        Assert.DoesNotContain("arrival_date_month", result.LeftOut.Keys);
        Assert.Equal("part of the timestamp", result.LeftOut["arrival_date_year"]);
    }
}
