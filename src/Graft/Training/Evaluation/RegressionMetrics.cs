namespace Graft.Training.Evaluation;

/// <summary>Metrics for predicting a number. See docs/metrics.md for definitions and edge cases.</summary>
public static class RegressionMetrics
{
    public static MetricSet Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        MetricArguments.RequireRows(actual.Length, predicted.Length, nameof(actual), nameof(predicted));
        MetricArguments.RequireFinite(actual, nameof(actual));
        MetricArguments.RequireFinite(predicted, nameof(predicted));

        double actualSum = 0;
        for (var i = 0; i < actual.Length; i++) actualSum += actual[i];
        var n = (double)actual.Length;
        var actualMean = actualSum / n;

        // Two passes: subtracting the mean first keeps SS_tot accurate when values are large and close together.
        double squaredError = 0, absoluteError = 0, totalSquares = 0, percentageError = 0;
        var anyZeroActual = false;
        for (var i = 0; i < actual.Length; i++)
        {
            var error = predicted[i] - actual[i];
            squaredError += error * error;
            absoluteError += Math.Abs(error);
            var deviation = actual[i] - actualMean;
            totalSquares += deviation * deviation;
            if (actual[i] == 0) anyZeroActual = true;
            else percentageError += Math.Abs(error / actual[i]);
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.Rmse] = Math.Sqrt(squaredError / n),
            [MetricNames.Mae] = absoluteError / n,

            // A constant target leaves nothing to explain.
            [MetricNames.R2] = totalSquares == 0 ? double.NaN : 1 - (squaredError / totalSquares),
        };

        // A percentage of zero is infinite; the metric is left out rather than reported as a misleading number.
        if (!anyZeroActual)
        {
            values[MetricNames.Mape] = percentageError / n;
        }

        return new MetricSet(values);
    }
}
