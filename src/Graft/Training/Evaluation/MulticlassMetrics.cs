namespace Graft.Training.Evaluation;

/// <summary>
/// Metrics for a choice among classCount classes. Labels are class indices 0..classCount−1;
/// probabilities are row-major n × classCount; the predicted class is the row's argmax.
/// </summary>
public static class MulticlassMetrics
{
    private const int TopK = 3;

    public static MetricSet Compute(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classCount)
    {
        var matrix = ConfusionMatrix.FromProbabilities(labels, probabilities, classCount);

        double logLoss = 0;
        var topKHits = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = probabilities.Slice(i * classCount, classCount);
            logLoss += LogLoss.Multiclass(row[labels[i]]);
            if (ProbabilityRow.RankOf(row, labels[i]) < TopK) topKHits++;
        }

        double precision = 0, recall = 0, f1 = 0, weightedF1 = 0;
        var present = 0;
        for (var c = 0; c < classCount; c++)
        {
            if (!matrix.IsPresent(c)) continue;
            present++;
            precision += matrix.Precision(c);
            recall += matrix.Recall(c);
            f1 += matrix.F1(c);
            weightedF1 += matrix.F1(c) * matrix.Support(c);
        }

        var n = (double)labels.Length;
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.Accuracy] = matrix.Accuracy,
            [MetricNames.MacroF1] = f1 / present,
            [MetricNames.WeightedF1] = weightedF1 / n,
            [MetricNames.MacroPrecision] = precision / present,
            [MetricNames.MacroRecall] = recall / present,
            [MetricNames.LogLoss] = logLoss / n,
        };

        // With three classes or fewer the top three always contain the truth.
        if (classCount > TopK)
        {
            values[MetricNames.Top3Accuracy] = topKHits / n;
        }

        return new MetricSet(values);
    }
}
