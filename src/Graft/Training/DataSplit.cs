using System.Globalization;
using Graft.Data;
using Graft.UseCases;

namespace Graft.Training;

/// <summary>
/// Which rows of a training table train and which test, and how that was decided, in words for the report.
/// Indices refer to the table's rows.
/// </summary>
public sealed record DataSplit(string Kind, int[] Train, int[] Test, string Description)
{
    /// <summary>The spec's split: by time when it names a timestamp (or asks for it), otherwise stratified random.</summary>
    public static DataSplit Create(TrainingTable table, Frame frame, UseCaseSpec spec)
    {
        var kind = spec.Split.Kind == "auto" ? (spec.Timestamp is null ? "random" : "time") : spec.Split.Kind;
        if (kind == "time")
        {
            if (spec.Timestamp is null)
            {
                throw GraftException.Invalid("split.kind is time but the spec names no timestamp");
            }
            return ByTime(table, RowTimes.Read(frame, spec.Timestamp), spec.Split, spec.Timestamp.Describe());
        }
        var (train, test) = Stratified(table, spec.Split.TestFraction, spec.Split.Seed);
        return new DataSplit("random", train, test,
            string.Create(CultureInfo.InvariantCulture, $"stratified random {1 - spec.Split.TestFraction:0.##}/{spec.Split.TestFraction:0.##} split, seed {spec.Split.Seed}: {train.Length:N0} training rows, {test.Length:N0} test rows"));
    }

    /// <summary>All of the table trains; a separate file tests.</summary>
    public static DataSplit WithTestFile(int trainRows, int testRows, string testName) =>
        new("file", Enumerable.Range(0, trainRows).ToArray(), Enumerable.Range(0, testRows).ToArray(),
            string.Create(CultureInfo.InvariantCulture, $"all {trainRows:N0} dataset rows train; {testRows:N0} rows of {testName} test"));

    /// <summary>Holds out a share of the table's rows, keeping each class's share (binary and multiclass) the same on both sides.</summary>
    public static (int[] Keep, int[] HoldOut) Stratified(TrainingTable table, double fraction, int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        var groups = table.Labels.Task == TaskKind.Regression
            ? [rows]
            : rows.GroupBy(i => table.Label[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var keep = new List<int>();
        var holdOut = new List<int>();
        foreach (var group in groups)
        {
            random.Shuffle(group);
            var count = (int)Math.Round(group.Length * fraction);
            holdOut.AddRange(group.Take(count));
            keep.AddRange(group.Skip(count));
        }
        keep.Sort();
        holdOut.Sort();
        return ([.. keep], [.. holdOut]);
    }

    private static DataSplit ByTime(TrainingTable table, DateTime?[] frameTimes, SplitSpec split, string timestamp)
    {
        var times = table.SourceRows.Select(r => frameTimes[r]).ToArray();
        var known = times.Where(t => t.HasValue).Select(t => t!.Value).Order().ToArray();
        if (known.Length == 0)
        {
            throw GraftException.Invalid($"no row has a readable timestamp ({timestamp}); a time split needs one");
        }
        var from = split.TestFrom ?? known[(int)Math.Min(known.Length - 1, Math.Floor(known.Length * (1 - split.TestFraction)))];
        var train = new List<int>();
        var test = new List<int>();
        for (var i = 0; i < times.Length; i++)
        {
            if (times[i] is { } t)
            {
                (t < from ? train : test).Add(i);
            }
        }
        if (train.Count == 0 || test.Count == 0)
        {
            throw GraftException.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"a time split at {from:yyyy-MM-dd} leaves {train.Count} training and {test.Count} test rows; the data spans {known[0]:yyyy-MM-dd} to {known[^1]:yyyy-MM-dd}"));
        }
        var dropped = times.Length - train.Count - test.Count;
        var note = dropped > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {dropped:N0} rows without a readable time are left out") : "";
        return new DataSplit("time", [.. train], [.. test], string.Create(CultureInfo.InvariantCulture,
            $"time split on {timestamp}: {train.Count:N0} rows before {from:yyyy-MM-dd} train, {test.Count:N0} rows from then test{note}"));
    }
}
