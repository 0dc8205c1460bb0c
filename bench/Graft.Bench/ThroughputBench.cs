using System.Diagnostics;
using Graft.Audit;
using Graft.Data;
using Graft.UseCases;

namespace Graft.Bench;

/// <summary>Rows per second for reading a delimited file (parse and infer types) and for auditing it.</summary>
internal static class ThroughputBench
{
    private const int Repeats = 5;

    public static Task RunAsync(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var spec = SpecReader.Parse(HotelSpec.Yaml);
        Frame frame = null!;
        var read = Median(() =>
        {
            frame = DelimitedFile.Read(bytes, "hotel_bookings.csv");
            SchemaInference.Infer(frame);
        });
        var audit = Median(() => DataAuditor.Run(frame, spec, "hotel"));
        Console.WriteLine($"import (parse + infer types), {frame.RowCount:N0} rows × {frame.ColumnCount}: median {read.TotalMilliseconds:N0} ms = {frame.RowCount / read.TotalSeconds:N0} rows/s");
        Console.WriteLine($"audit (all checks, incl. leakage), same rows: median {audit.TotalMilliseconds:N0} ms = {frame.RowCount / audit.TotalSeconds:N0} rows/s");
        return Task.CompletedTask;
    }

    private static TimeSpan Median(Action action)
    {
        action(); // warm-up: JIT and caches
        var times = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed);
        }
        return times.Order().ElementAt(Repeats / 2);
    }
}
