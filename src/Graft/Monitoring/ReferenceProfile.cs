using Graft.Training;

namespace Graft.Monitoring;

/// <summary>
/// The training-time distribution of every model input (over the rows the model was fitted on) and of the score
/// (over the validation rows, which the model did not learn from, as it will not have learnt from live traffic),
/// over bins fixed now so that drift monitoring later counts live values into the same bins and its cost never
/// grows with traffic.
/// </summary>
public sealed record ReferenceProfile(IReadOnlyList<FieldDistribution> Inputs, FieldDistribution Score)
{
    private const int NumericBins = 10;
    private const int TopCategories = 20;

    public static ReferenceProfile Create(TrainingTable training, double[] heldOutScores, int classCount, IReadOnlyList<string> classes)
    {
        var inputs = training.Plan.Inputs.Select((input, i) => training.Columns[i] switch
        {
            float[] numbers => Numeric(input.Field, numbers.Select(v => (double)v).ToArray()),
            string?[] text when input.Kind == InputKind.Text => Numeric(input.Field + " (length)", text.Select(t => t is null ? double.NaN : t.Length).ToArray()),
            string?[] text => Categorical(input.Field, text),
            _ => throw new InvalidOperationException($"unexpected column for {input.Field}"),
        }).ToList();
        return new ReferenceProfile(inputs, ScoreDistribution(heldOutScores, classCount, classes));
    }

    private static FieldDistribution ScoreDistribution(double[] scores, int classCount, IReadOnlyList<string> classes)
    {
        if (classCount <= 2 || classes.Count <= 2)
        {
            return Numeric("score", scores);
        }
        var predicted = new string?[scores.Length / classCount];
        for (var r = 0; r < predicted.Length; r++)
        {
            var row = scores.AsSpan(r * classCount, classCount);
            predicted[r] = classes[row.IndexOf(MaxOf(row))];
        }
        return Categorical("predicted class", predicted);
    }

    private static double MaxOf(ReadOnlySpan<double> row)
    {
        var max = double.MinValue;
        foreach (var v in row)
        {
            max = Math.Max(max, v);
        }
        return max;
    }

    /// <summary>Decile edges of the present values; the shares are the training rows in each bin.</summary>
    public static FieldDistribution Numeric(string field, double[] values)
    {
        var present = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        var missing = values.Length == 0 ? 0 : (double)(values.Length - present.Length) / values.Length;
        if (present.Length == 0)
        {
            return new FieldDistribution(field, "numeric", [], [], [], missing);
        }
        var edges = Enumerable.Range(1, NumericBins - 1)
            .Select(i => present[(int)((long)i * present.Length / NumericBins)]).Distinct().ToArray();
        var counts = new double[edges.Length + 1];
        foreach (var v in present)
        {
            counts[BinOf(edges, v)]++;
        }
        return new FieldDistribution(field, "numeric", edges, [], [.. counts.Select(c => c / values.Length)], missing);
    }

    public static FieldDistribution Categorical(string field, string?[] values)
    {
        var counts = values.OfType<string>().GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => (g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var top = counts.Take(TopCategories).ToList();
        var total = Math.Max(1, values.Length);
        var shares = top.Select(t => (double)t.Count / total).Append((double)counts.Skip(TopCategories).Sum(t => t.Count) / total).ToArray();
        var missing = (double)values.Count(v => v is null) / total;
        return new FieldDistribution(field, "categorical", [], [.. top.Select(t => t.Key)], shares, missing);
    }

    /// <summary>The bin a value falls in: values equal to an edge go to the bin above it.</summary>
    public static int BinOf(double[] edges, double value)
    {
        var index = Array.BinarySearch(edges, value);
        return index >= 0 ? index + 1 : ~index;
    }
}

/// <summary>
/// A distribution over fixed bins: numeric edges (n edges, n + 1 bins) or top categories (plus one share for
/// all others). Shares are of all rows; <see cref="Missing"/> is the share of rows without a value.
/// </summary>
public sealed record FieldDistribution(string Field, string Kind, double[] Edges, string[] Categories, double[] Shares, double Missing);
