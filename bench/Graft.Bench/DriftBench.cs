using System.Diagnostics;
using System.Globalization;
using System.Text;
using Graft.Monitoring;
using Graft.Serving;

namespace Graft.Bench;

/// <summary>
/// What drift costs. (1) 30 fields (20 numeric, 10 categorical), 50,000 reference rows against 50,000 current rows, made
/// up from a fixed seed with a third of the fields shifted: Graft counting the current rows into the reference's bins
/// and judging drift from those summaries, on one thread, beside SciPy computing the same statistics from the raw
/// rows (Debian's python3-scipy), timed in the same run. (2) 1,000 fields × 1,000,000 rows: counting and judging, with
/// the peak memory. (3) 10 million logged answers through the window tally's counting: managed memory every million.
/// </summary>
public static class DriftBench
{
    private const int Numeric = 20;
    private const int Categorical = 10;
    private static readonly string[] Colours = ["red", "green", "blue", "amber", "violet", "teal", "grey", "black"];

    public static void Run()
    {
        var (reference, current) = (Table(50_000, seed: 1, shifted: false), Table(50_000, seed: 2, shifted: true));
        var profile = new ReferenceProfile([.. reference.Select(Distribution)], ReferenceProfile.Numeric("score", [0.2, 0.5, 0.8]));
        Judge(profile, current); // warm: the first call compiles
        var clock = Stopwatch.StartNew();
        var (summary, drift) = Judge(profile, current);
        var total = clock.Elapsed;
        clock.Restart();
        for (var i = 0; i < 100; i++)
        {
            MonitoringReader.Drift(profile, summary, MonitoringPolicy.Default);
        }
        var fromSummaries = clock.Elapsed / 100;
        var moved = Enumerable.Range(0, Numeric).Count(f => f % 3 == 0) + Enumerable.Range(0, Categorical).Count(f => f % 3 == 0);
        Console.WriteLine($"drift: 30 fields, 50,000 reference rows against 50,000 current rows, {drift.Fields.Count(f => f.Drifted == true)} drifted ({moved} shifted)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drift: Graft counting the rows into the bins and judging: {total.TotalMilliseconds:N1} ms; judging from the summaries alone: {fromSummaries.TotalMilliseconds:N2} ms"));
        var scipy = SciPyMilliseconds(reference, current);
        Console.WriteLine(scipy is { } ms
            ? string.Create(CultureInfo.InvariantCulture, $"drift: SciPy on the raw rows (wasserstein_distance, jensenshannon): {ms:N1} ms; Graft takes {total.TotalMilliseconds / ms:0.00}× SciPy's time")
            : "drift: SciPy not timed: install Debian's python3-scipy (apt-get install python3-scipy)");

        Wide();
        Tally();
    }

    /// <summary>Counts every current row into its field's bins, then judges drift: what monitoring does from raw values to a verdict.</summary>
    private static (WindowSummary, DriftSummary) Judge(ReferenceProfile profile, List<Column> current)
    {
        var summary = new WindowSummary();
        for (var f = 0; f < current.Count; f++)
        {
            summary.Fields[current[f].Name] = Count(profile.Inputs[f], current[f]);
        }
        return (summary, MonitoringReader.Drift(profile, summary, MonitoringPolicy.Default));
    }

    private static BinCounts Count(FieldDistribution reference, Column column)
    {
        if (column.Numbers is { } numbers)
        {
            var edges = reference.Shape!.Edges;
            var counts = BinCounts.For(edges.Length + 1);
            foreach (var v in numbers)
            {
                counts.AddNumber(ReferenceProfile.BinOf(edges, v), v);
            }
            return counts;
        }
        var index = reference.Categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var categories = BinCounts.For(index.Count + 1);
        foreach (var v in column.Texts!)
        {
            categories.Bins[index.TryGetValue(v, out var i) ? i : index.Count]++;
        }
        return categories;
    }

    private sealed record Column(string Name, double[]? Numbers, string[]? Texts);

    private static FieldDistribution Distribution(Column c) =>
        c.Numbers is { } n ? ReferenceProfile.Numeric(c.Name, n) : ReferenceProfile.Categorical(c.Name, c.Texts!);

    /// <summary>Numeric fields of several shapes and categorical ones of eight colours; when shifted, every third field moves.</summary>
    private static List<Column> Table(int rows, int seed, bool shifted, int numeric = Numeric, int categorical = Categorical)
    {
        var random = new Random(seed);
        var columns = new List<Column>(numeric + categorical);
        for (var f = 0; f < numeric; f++)
        {
            var shift = shifted && f % 3 == 0 ? 0.5 : 0;
            columns.Add(new Column($"n{f}", [.. Enumerable.Range(0, rows).Select(_ => (f % 2 == 0 ? Normal(random) : -Math.Log(1 - random.NextDouble())) * (1 + f) + shift * (1 + f))], null));
        }
        for (var f = 0; f < categorical; f++)
        {
            var skew = shifted && f % 3 == 0 ? 2.0 : 1.0;
            columns.Add(new Column($"c{f}", null, [.. Enumerable.Range(0, rows).Select(_ => Colours[(int)(Colours.Length * Math.Pow(random.NextDouble(), skew))])]));
        }
        return columns;
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>The same statistics with SciPy from CSV files of the raw rows, timed inside Python after reading them.</summary>
    private static double? SciPyMilliseconds(List<Column> reference, List<Column> current)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            return null;
        }
        var folder = Directory.CreateTempSubdirectory("graft-drift-");
        try
        {
            Write(Path.Combine(folder.FullName, "reference.csv"), reference);
            Write(Path.Combine(folder.FullName, "current.csv"), current);
            var script = """
                import sys, time
                try:
                    import numpy as np
                    from scipy import stats
                    from scipy.spatial import distance
                except ImportError:
                    print("missing"); sys.exit(0)
                def load(path):
                    with open(path) as f:
                        names = f.readline().strip().split(",")
                        rows = [line.rstrip("\n").split(",") for line in f]
                    return {n: [r[i] for r in rows] for i, n in enumerate(names)}
                ref, cur = load(sys.argv[1]), load(sys.argv[2])
                ref = {k: np.array(v, dtype=float) if k.startswith("n") else np.array(v) for k, v in ref.items()}
                cur = {k: np.array(v, dtype=float) if k.startswith("n") else np.array(v) for k, v in cur.items()}
                start = time.perf_counter()
                for name in ref:
                    r, c = ref[name], cur[name]
                    if name.startswith("n"):
                        stats.wasserstein_distance(r, c) / np.std(r)
                    else:
                        keys = sorted(set(r) | set(c))
                        rc = np.array([np.sum(r == k) for k in keys], dtype=float)
                        cc = np.array([np.sum(c == k) for k in keys], dtype=float)
                        distance.jensenshannon(rc / rc.sum(), cc / cc.sum())
                print((time.perf_counter() - start) * 1000)
                """;
            var path = Path.Combine(folder.FullName, "drift.py");
            File.WriteAllText(path, script);
            using var process = Process.Start(new ProcessStartInfo(python, [path, Path.Combine(folder.FullName, "reference.csv"), Path.Combine(folder.FullName, "current.csv")])
                { RedirectStandardOutput = true, UseShellExecute = false })!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return double.TryParse(output, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? ms : null;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Write(string path, List<Column> columns)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Join(",", columns.Select(c => c.Name)));
        var rows = columns[0].Numbers?.Length ?? columns[0].Texts!.Length;
        var line = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            line.Clear();
            foreach (var c in columns)
            {
                line.Append(line.Length == 0 ? "" : ",").Append(c.Numbers is { } n ? n[r].ToString("R", CultureInfo.InvariantCulture) : c.Texts![r]);
            }
            writer.WriteLine(line);
        }
    }

    /// <summary>1,000 fields × 1,000,000 rows: each field's values made, counted and dropped in turn, as a window's writer would see them over time.</summary>
    private static void Wide()
    {
        var counting = new Stopwatch();
        var inputs = new List<FieldDistribution>(1_000);
        var summary = new WindowSummary();
        var shifted = 0;
        for (var f = 0; f < 1_000; f++)
        {
            var name = $"f{f}";
            var numeric = f % 3 != 0;
            shifted += f % 5 == 0 ? 1 : 0;
            var reference = Table(10_000, seed: f, shifted: false, numeric: numeric ? 1 : 0, categorical: numeric ? 0 : 1)[0] with { Name = name };
            var current = Table(1_000_000, seed: 10_000 + f, shifted: f % 5 == 0, numeric: numeric ? 1 : 0, categorical: numeric ? 0 : 1)[0] with { Name = name };
            var distribution = Distribution(reference);
            inputs.Add(distribution);
            counting.Start();
            summary.Fields[name] = Count(distribution, current);
            counting.Stop();
        }
        var judging = Stopwatch.StartNew();
        var drift = MonitoringReader.Drift(new ReferenceProfile(inputs, ReferenceProfile.Numeric("score", [0.2, 0.5, 0.8])), summary, MonitoringPolicy.Default);
        judging.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drift: 1,000 fields × 1,000,000 rows: counting them into the bins took {counting.Elapsed.TotalSeconds:N1} s (making the rows is left out), judging from the summaries {judging.Elapsed.TotalMilliseconds:N0} ms; {drift.Fields.Count(d => d.Drifted == true)} drifted ({shifted} made from a shifted source); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB"));
    }

    /// <summary>10 million answers as the log keeps them, through the window tally's counting into one summary: managed memory stays put.</summary>
    private static void Tally()
    {
        var reference = Table(20_000, seed: 5, shifted: false, numeric: 10, categorical: 4);
        var bins = new ReferenceBins(new ReferenceProfile([.. reference.Select(Distribution)], ReferenceProfile.Numeric("score", [.. Enumerable.Range(0, 1000).Select(i => i / 1000.0)])));
        var summary = new WindowSummary();
        var random = new Random(9);
        var inputs = Enumerable.Range(0, 1_000).Select(_ => Encoding.UTF8.GetBytes("{" + string.Join(",", reference.Select(c =>
            $"\"{c.Name}\":{(c.Numbers is { } n ? n[random.Next(n.Length)].ToString("0.###", CultureInfo.InvariantCulture) : $"\"{c.Texts![random.Next(c.Texts.Length)]}\"")}")) + "}")).ToArray();
        var output = Encoding.UTF8.GetBytes("{\"label\":\"yes\",\"score\":0.61,\"warnings\":{\"n3\":\"out_of_range\"}}");
        var response = new PredictionResponse("p", "bench", "bench-v1", "auto", null, "auto", null, "yes", 0.61, 0.5, null, null, "high", [], [], null, null, 0.4);
        var records = inputs.Select(i => new PredictionRecord(response, "bench-v1", "e", i, output, null, DateTime.UtcNow)).ToArray();
        var fields = bins.Into(summary); // as the log's writer readies a window it counts into
        var clock = Stopwatch.StartNew();
        var heaps = new List<string>();
        for (var n = 1; n <= 10_000_000; n++)
        {
            WindowTally.Count(records[n % records.Length], summary, fields);
            if (n % 2_000_000 == 0)
            {
                heaps.Add($"{n / 1_000_000}M: {GC.GetTotalMemory(forceFullCollection: true) / 1e6:N1} MB");
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drift: 10,000,000 logged answers (14 inputs) counted into a window in {clock.Elapsed.TotalSeconds:N1} s ({clock.Elapsed.TotalMicroseconds / 10_000_000:0.00} µs each); managed heap {string.Join(", ", heaps)}"));
    }
}
