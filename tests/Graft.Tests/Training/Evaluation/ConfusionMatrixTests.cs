using Graft.Training.Evaluation;

namespace Graft.Tests.Training.Evaluation;

public class ConfusionMatrixTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Cells_count_rows_by_true_class_then_predicted_class()
    {
        var matrix = ConfusionMatrix.FromPredictions([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3);

        Assert.Equal(1, matrix[0, 0]);
        Assert.Equal(1, matrix[0, 1]);
        Assert.Equal(0, matrix[1, 0]);
        Assert.Equal(1, matrix[2, 0]);
        Assert.Equal(5, matrix.Total);
        Assert.Equal(2, matrix.Support(2));
        Assert.Equal(2, matrix.PredictedCount(0));
        Assert.Equal(3.0 / 5.0, matrix.Accuracy, Tolerance);
    }

    [Fact]
    public void Per_class_scores_come_from_the_matrix()
    {
        // Class 1: TP 1, predicted twice (rows 1 and 2), true once → P 1/2, R 1, F1 = 2 / (2 + 1) = 2/3.
        var matrix = ConfusionMatrix.FromPredictions([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3);

        Assert.Equal(0.5, matrix.Precision(1), Tolerance);
        Assert.Equal(1.0, matrix.Recall(1), Tolerance);
        Assert.Equal(2.0 / 3.0, matrix.F1(1), Tolerance);
    }

    [Fact]
    public void A_class_never_seen_scores_zero_and_is_not_present()
    {
        var matrix = ConfusionMatrix.FromPredictions([0, 1], [0, 1], 3);

        Assert.False(matrix.IsPresent(2));
        Assert.Equal(0.0, matrix.Precision(2));
        Assert.Equal(0.0, matrix.Recall(2));
        Assert.Equal(0.0, matrix.F1(2));
    }

    [Fact]
    public void Equal_probabilities_predict_the_lower_class_index()
    {
        var matrix = ConfusionMatrix.FromProbabilities([1], [0.5, 0.5, 0.0], 3);

        Assert.Equal(1, matrix[1, 0]);
    }
}
