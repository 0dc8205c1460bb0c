using Graft.Training.Evaluation;

namespace Graft.Tests.Training.Evaluation;

/// <summary>A million rows, as a real held-out set can have: a quadratic algorithm would not finish here.</summary>
public class LargeInputTests
{
    private const int RowCount = 1_000_000;

    [Fact]
    public void A_million_binary_rows_give_the_closed_form_roc_auc_and_best_threshold()
    {
        // Rows alternate negative, positive with strictly rising scores i/n; m = n/2 of each.
        // The positive at row 2a+1 outranks the a+1 negatives below it: Σ (a+1) = m(m+1)/2 of m² pairs,
        // so AUC = (m+1)/(2m). Best F1: dropping only the lowest row (a negative) gives 2m/(3m−1) > 2/3.
        var labels = new bool[RowCount];
        var scores = new double[RowCount];
        for (var i = 0; i < RowCount; i++)
        {
            labels[i] = i % 2 == 1;
            scores[i] = (double)i / RowCount;
        }

        const double m = RowCount / 2;
        var metrics = BinaryMetrics.Compute(labels, scores, 0.5);

        Assert.Equal((m + 1) / (2 * m), metrics[MetricNames.RocAuc], 1e-12);
        Assert.Equal(1.0 / RowCount, BinaryMetrics.BestF1Threshold(labels, scores));
    }

    [Fact]
    public void A_million_multiclass_rows_are_scored()
    {
        // Four classes; every row predicts its true class with 0.7, so accuracy is 1 and log loss −ln 0.7.
        const int classes = 4;
        var labels = new int[RowCount];
        var probabilities = new double[RowCount * classes];
        for (var i = 0; i < RowCount; i++)
        {
            labels[i] = i % classes;
            for (var c = 0; c < classes; c++) probabilities[(i * classes) + c] = c == labels[i] ? 0.7 : 0.1;
        }

        var metrics = MulticlassMetrics.Compute(labels, probabilities, classes);

        Assert.Equal(1.0, metrics[MetricNames.Accuracy]);
        Assert.Equal(-Math.Log(0.7), metrics[MetricNames.LogLoss], 1e-9);
        Assert.Equal(1.0, metrics[MetricNames.MacroF1]);
    }
}
