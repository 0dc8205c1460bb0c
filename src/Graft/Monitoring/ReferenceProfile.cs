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
    /// <summary>A version's profile as <c>ReferenceJson</c> stores it; null without one (a version trained before profiles had inputs and a score).</summary>
    public static ReferenceProfile? Parse(string? referenceJson)
    {
        var profile = referenceJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<ReferenceProfile>(referenceJson, Registry.ModelRegistry.Json);
        return profile?.Inputs is null || profile.Score is null ? null : profile;
    }

    /// <summary>A binary model's chance of a positive by score bin, from its validation rows: what estimates quality without labels.</summary>
    public ScoreCalibration? Calibration { get; init; }

    private const int NumericBins = 10;
    /// <summary>Percentile bins for the drift statistics: fine enough that KS and Wasserstein from bins stay close to those of raw values.</summary>
    public const int FineBins = 100;
    private const int TopCategories = 20;

    public static ReferenceProfile Create(TrainingTable training, double[] heldOutScores, int classCount, IReadOnlyList<string> classes, float[]? heldOutLabels = null)
    {
        var inputs = training.Plan.Inputs.Select((input, i) => training.Columns[i] switch
        {
            float[] numbers => Numeric(input.Field, numbers.Select(v => (double)v).ToArray()),
            string?[] text when input.Kind == InputKind.Text => Numeric(input.Field, text.Select(t => t is null ? double.NaN : t.Length).ToArray()) with { Measure = FieldDistribution.Length },
            string?[] text => Categorical(input.Field, text),
            _ => throw new InvalidOperationException($"unexpected column for {input.Field}"),
        }).ToList();
        var score = ScoreDistribution(heldOutScores, classCount, classes);
        var calibration = classes.Count == 2 && heldOutLabels is not null && score.Shape is { } shape ? ScoreCalibration.Fit(shape.Edges, heldOutScores, heldOutLabels) : null;
        return new ReferenceProfile(inputs, score) { Calibration = calibration };
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

    /// <summary>
    /// Decile edges of the present values, the shares of all rows in each (for PSI), and the shape of the present
    /// values: percentile edges with their shares, the ends, mean and standard deviation (for KS and Wasserstein).
    /// Every decile edge is a percentile edge, so percentile counts add up to decile counts exactly.
    /// </summary>
    public static FieldDistribution Numeric(string field, double[] values)
    {
        var present = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        var missing = values.Length == 0 ? 0 : (double)(values.Length - present.Length) / values.Length;
        if (present.Length == 0)
        {
            return new FieldDistribution(field, "numeric", [], [], [], missing);
        }
        var edges = Quantiles(present, NumericBins);
        var counts = new double[edges.Length + 1];
        foreach (var v in present)
        {
            counts[BinOf(edges, v)]++;
        }
        // percentile edges, for where values crowd, and even steps across the range, for its sparse tails; then the smallest
        // value and just past the largest, so the outer bins hold only what lies beyond the reference
        var (min, max) = (present[0], present[^1]);
        var steps = Enumerable.Range(1, FineBins - 1).Select(i => min + (max - min) * i / FineBins);
        var fine = Quantiles(present, FineBins).Concat(steps).Prepend(min).Append(Math.BitIncrement(max)).Distinct().Order().ToArray();
        var fineCounts = new double[fine.Length + 1];
        foreach (var v in present)
        {
            fineCounts[BinOf(fine, v)]++;
        }
        var mean = present.Average();
        var sd = Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / present.Length); // of the population, as Evidently's normalisation takes it
        var shape = new NumericShape(fine, [.. fineCounts.Select(c => c / present.Length)], present[0], present[^1], mean, sd);
        return new FieldDistribution(field, "numeric", edges, [], [.. counts.Select(c => c / values.Length)], missing) { Rows = present.Length, Shape = shape };
    }

    private static double[] Quantiles(double[] sorted, int bins) =>
        Enumerable.Range(1, bins - 1).Select(i => sorted[(int)((long)i * sorted.Length / bins)]).Distinct().ToArray();

    public static FieldDistribution Categorical(string field, string?[] values)
    {
        var counts = values.OfType<string>().GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => (g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var top = counts.Take(TopCategories).ToList();
        var total = Math.Max(1, values.Length);
        var shares = top.Select(t => (double)t.Count / total).Append((double)counts.Skip(TopCategories).Sum(t => t.Count) / total).ToArray();
        var missing = (double)values.Count(v => v is null) / total;
        return new FieldDistribution(field, "categorical", [], [.. top.Select(t => t.Key)], shares, missing) { Rows = values.Length - values.Count(v => v is null) };
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
public sealed record FieldDistribution(string Field, string Kind, double[] Edges, string[] Categories, double[] Shares, double Missing)
{
    public const string Length = "length";

    /// <summary>What is counted: the value itself, or a text's <see cref="Length"/>.</summary>
    public string Measure { get; init; } = "value";

    /// <summary>Rows with a value.</summary>
    public long Rows { get; init; }

    /// <summary>A numeric field's present values in finer bins; null for a categorical one.</summary>
    public NumericShape? Shape { get; init; }

    /// <summary>How many bins a window counts this field into: its categories and one for the others, or the fine bins of its shape.</summary>
    public int CountingBins => Kind == "categorical" ? Categories.Length + 1 : (Shape?.Edges.Length ?? -1) + 1;

    /// <summary>The shares of the present values in each bin (categories and the others, or the deciles), summing to one.</summary>
    public double[] PresentShares()
    {
        var present = Shares.Sum();
        return present <= 0 ? [.. Shares] : [.. Shares.Select(s => s / present)];
    }
}

/// <summary>
/// A numeric field's present values at training: edges at the smallest value, the percentiles and even steps across
/// the range (<see cref="ReferenceProfile.FineBins"/> of each at most; fewer where they meet) and just past the largest, so the
/// first and last bins hold only values beyond the reference's range (none of its own); the share of values in each bin;
/// the smallest and largest, the mean and the population standard deviation.
/// </summary>
public sealed record NumericShape(double[] Edges, double[] Shares, double Min, double Max, double Mean, double StandardDeviation);
