using Graft.Training.Evaluation;

namespace Graft.Tests.Training.Evaluation;

public class MulticlassMetricsTests
{
    private const double Tolerance = 1e-12;

    // Confusion matrix (rows true, columns predicted), 9 rows:
    //   true 0: 3 0 0
    //   true 1: 1 1 0
    //   true 2: 1 1 2
    private static readonly int[] Labels = [0, 0, 0, 1, 1, 2, 2, 2, 2];
    private static readonly int[] Predicted = [0, 0, 0, 0, 1, 0, 1, 2, 2];

    [Fact]
    public void Macro_and_weighted_scores_match_a_three_class_matrix_worked_by_hand()
    {
        // Class 0: TP 3, predicted 5, support 3 → P 3/5, R 1,   F1 = 6 / (6 + 2 + 0) = 3/4.
        // Class 1: TP 1, predicted 2, support 2 → P 1/2, R 1/2, F1 = 2 / (2 + 1 + 1) = 1/2.
        // Class 2: TP 2, predicted 2, support 4 → P 1,   R 1/2, F1 = 4 / (4 + 0 + 2) = 2/3.
        // Macro P = 2.1/3 = 0.7; macro R = 2/3; macro F1 = (3/4 + 1/2 + 2/3)/3 = 23/36.
        // Weighted F1 = (3·3/4 + 2·1/2 + 4·2/3) / 9 = 71/108. Accuracy = 6/9.
        var metrics = MulticlassMetrics.Compute(Labels, Confident(3, Predicted), 3);

        Assert.Equal(6.0 / 9.0, metrics[MetricNames.Accuracy], Tolerance);
        Assert.Equal(0.7, metrics[MetricNames.MacroPrecision], Tolerance);
        Assert.Equal(2.0 / 3.0, metrics[MetricNames.MacroRecall], Tolerance);
        Assert.Equal(23.0 / 36.0, metrics[MetricNames.MacroF1], Tolerance);
        Assert.Equal(71.0 / 108.0, metrics[MetricNames.WeightedF1], Tolerance);
    }

    [Fact]
    public void Log_loss_is_the_mean_negative_log_probability_of_the_true_class()
    {
        // Six correct rows give the true class 0.6, three wrong rows give it 0.2:
        // (6 · −ln 0.6 + 3 · −ln 0.2) / 9 = (3.0649537 + 4.8283137) / 9 = 0.8770297.
        var metrics = MulticlassMetrics.Compute(Labels, Confident(3, Predicted), 3);

        Assert.Equal(0.877029719988694, metrics[MetricNames.LogLoss], Tolerance);
    }

    [Fact]
    public void A_class_with_no_true_and_no_predicted_rows_is_left_out_of_macro_averages()
    {
        // Same rows with a fourth class nobody has or predicts: still 23/36, not (23/12)/4.
        var metrics = MulticlassMetrics.Compute(Labels, Confident(4, Predicted), 4);

        Assert.Equal(23.0 / 36.0, metrics[MetricNames.MacroF1], Tolerance);
        Assert.Equal(0.7, metrics[MetricNames.MacroPrecision], Tolerance);
    }

    [Fact]
    public void A_class_that_is_predicted_but_never_true_counts_with_zero_scores()
    {
        // True 0 0 1 1, predicted 0 2 1 1.
        // Class 0: P 1, R 1/2, F1 2/3. Class 1: P 1, R 1, F1 1. Class 2: P 0, R 0, F1 0 (support 0).
        // Macro F1 = 5/9, macro P = 2/3, macro R = 1/2, weighted F1 = (2·2/3 + 2·1 + 0) / 4 = 5/6.
        var metrics = MulticlassMetrics.Compute([0, 0, 1, 1], Confident(3, [0, 2, 1, 1]), 3);

        Assert.Equal(5.0 / 9.0, metrics[MetricNames.MacroF1], Tolerance);
        Assert.Equal(2.0 / 3.0, metrics[MetricNames.MacroPrecision], Tolerance);
        Assert.Equal(0.5, metrics[MetricNames.MacroRecall], Tolerance);
        Assert.Equal(5.0 / 6.0, metrics[MetricNames.WeightedF1], Tolerance);
    }

    [Fact]
    public void Top3_accuracy_counts_rows_whose_true_class_is_among_the_three_most_likely()
    {
        // Five classes. Equal probabilities rank the lower class index first, as argmax does.
        //   true 0, [.1 .2 .3 .4 0]: ranked 3 2 1 0 → 4th, miss.   Argmax 3, wrong.
        //   true 1, same row:         3rd, hit.                    Wrong.
        //   true 3, [.25 .25 .25 .25 0]: ranked 0 1 2 3 → 4th, miss. Argmax 0, wrong.
        //   true 2, all .2:           ranked 0 1 2 → 3rd, hit.     Argmax 0, wrong.
        //   true 3, [.1 .2 .3 .4 0]:  1st, hit.                    Right.
        // Top-3 accuracy 3/5, accuracy 1/5.
        double[] probabilities =
        [
            0.1, 0.2, 0.3, 0.4, 0.0,
            0.1, 0.2, 0.3, 0.4, 0.0,
            0.25, 0.25, 0.25, 0.25, 0.0,
            0.2, 0.2, 0.2, 0.2, 0.2,
            0.1, 0.2, 0.3, 0.4, 0.0,
        ];

        var metrics = MulticlassMetrics.Compute([0, 1, 3, 2, 3], probabilities, 5);

        Assert.Equal(0.6, metrics[MetricNames.Top3Accuracy], Tolerance);
        Assert.Equal(0.2, metrics[MetricNames.Accuracy], Tolerance);
    }

    [Fact]
    public void Top3_accuracy_is_absent_with_three_classes_or_fewer()
    {
        var metrics = MulticlassMetrics.Compute(Labels, Confident(3, Predicted), 3);

        Assert.False(metrics.TryGet(MetricNames.Top3Accuracy, out _));
    }

    [Fact]
    public void A_zero_probability_for_the_true_class_costs_minus_ln_1e_minus_15()
    {
        var metrics = MulticlassMetrics.Compute([1], [1.0, 0.0], 2);

        Assert.Equal(34.538776394910684, metrics[MetricNames.LogLoss], 1e-9);
        Assert.Equal(0.0, metrics[MetricNames.Accuracy]);
    }

    /// <summary>Rows giving 0.6 to the predicted class and sharing the rest equally.</summary>
    private static double[] Confident(int classCount, int[] predicted)
    {
        var rows = new double[predicted.Length * classCount];
        for (var i = 0; i < predicted.Length; i++)
        {
            for (var c = 0; c < classCount; c++)
            {
                rows[(i * classCount) + c] = c == predicted[i] ? 0.6 : 0.4 / (classCount - 1);
            }
        }

        return rows;
    }
}
