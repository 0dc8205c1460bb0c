namespace Graft.Training.Evaluation;

/// <summary>
/// Counts of rows by (true class, predicted class), with per-class precision, recall and F1 for
/// reports. A ratio with nothing to divide by is 0, as scikit-learn's zero_division=0.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _cells;
    private readonly int[] _support;
    private readonly int[] _predicted;

    private ConfusionMatrix(int classCount)
    {
        ClassCount = classCount;
        _cells = new int[classCount * classCount];
        _support = new int[classCount];
        _predicted = new int[classCount];
    }

    public int ClassCount { get; }

    public int Total { get; private set; }

    public int this[int actual, int predicted] => _cells[(actual * ClassCount) + predicted];

    /// <summary>Rows whose true class is <paramref name="classIndex"/>.</summary>
    public int Support(int classIndex) => _support[classIndex];

    public int PredictedCount(int classIndex) => _predicted[classIndex];

    /// <summary>False for a class with no true and no predicted rows; macro averages skip it.</summary>
    public bool IsPresent(int classIndex) => _support[classIndex] > 0 || _predicted[classIndex] > 0;

    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (var c = 0; c < ClassCount; c++) correct += this[c, c];
            return (double)correct / Total;
        }
    }

    public double Precision(int classIndex) => Ratio(this[classIndex, classIndex], _predicted[classIndex]);

    public double Recall(int classIndex) => Ratio(this[classIndex, classIndex], _support[classIndex]);

    // 2TP + FP + FN is exactly support + predicted count.
    public double F1(int classIndex) =>
        Ratio(2L * this[classIndex, classIndex], (long)_support[classIndex] + _predicted[classIndex]);

    public static ConfusionMatrix FromPredictions(ReadOnlySpan<int> labels, ReadOnlySpan<int> predicted, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        MetricArguments.RequireRows(labels.Length, predicted.Length, nameof(labels), nameof(predicted));
        MetricArguments.RequireClassIndices(labels, classCount, nameof(labels));
        MetricArguments.RequireClassIndices(predicted, classCount, nameof(predicted));
        var matrix = new ConfusionMatrix(classCount);
        for (var i = 0; i < labels.Length; i++) matrix.Add(labels[i], predicted[i]);
        return matrix;
    }

    /// <summary>Probabilities are row-major n × classCount; the predicted class is the row's argmax, lowest index on ties.</summary>
    public static ConfusionMatrix FromProbabilities(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classCount)
    {
        MetricArguments.RequireClassRows(labels, probabilities.Length, classCount, nameof(probabilities));
        MetricArguments.RequireClassIndices(labels, classCount, nameof(labels));
        MetricArguments.RequireProbabilities(probabilities, nameof(probabilities));
        var matrix = new ConfusionMatrix(classCount);
        for (var i = 0; i < labels.Length; i++)
        {
            matrix.Add(labels[i], ProbabilityRow.ArgMax(probabilities.Slice(i * classCount, classCount)));
        }

        return matrix;
    }

    private void Add(int actual, int predicted)
    {
        _cells[(actual * ClassCount) + predicted]++;
        _support[actual]++;
        _predicted[predicted]++;
        Total++;
    }

    private static double Ratio(long numerator, long denominator) =>
        denominator == 0 ? 0 : (double)numerator / denominator;
}
