using System.Diagnostics;
using System.Globalization;
using Graft.Audit;
using Graft.Data;

namespace Graft.Bench;

/// <summary>
/// What the placeholders cost a text on the predict path (<see cref="TextPlaceholders.Apply"/>, run for every text
/// input of every request): the real BANKING77 queries as they are (no personal data: every one takes the fast
/// exits), with an email or phone number in 1 % of them, and in every one. One thread; the median of seven passes.
/// </summary>
internal static class PlaceholderBench
{
    private const int Passes = 7;

    public static void Run(string banking77)
    {
        var texts = DelimitedFile.Read(File.ReadAllBytes(banking77), "train.csv").Column("text").OfType<string>().ToArray();
        Console.WriteLine($"placeholders, {texts.Length:N0} BANKING77 queries of {texts.Average(t => t.Length):0} characters on average:");
        var (some, every) = (Planted(texts, every: 100), Planted(texts, every: 1));
        Array.ForEach([texts, some, every], set => Time(set, repeats: 5)); // warm-up: the JIT's final code for every path, not its first
        Report("as they are", texts);
        Report("contact details in 1 %", some);
        Report("contact details in every one", every);
    }

    private static void Report(string what, string[] texts)
    {
        var changed = texts.Count(t => !ReferenceEquals(TextPlaceholders.Apply(t), t));
        var cold = Time(texts, repeats: 1);
        var hot = Time(texts, repeats: 20);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Time(texts, repeats: 1);
        var bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / texts.Length / Passes;
        Console.WriteLine($"  {what}: {hot:N0} ns a text just read (as a request's is), {cold:N0} ns a text read from memory; {bytes:N0} bytes allocated a text; {changed:N0} texts changed");
    }

    /// <summary>
    /// The median of the passes' nanoseconds a text. Each text <paramref name="repeats"/> times in a row: once, it is
    /// read from main memory (the texts fill several megabytes); more, it is in the cache, as a request's text is when
    /// it has just been parsed.
    /// </summary>
    private static double Time(string[] texts, int repeats)
    {
        var nanos = new double[Passes];
        for (var pass = 0; pass < Passes; pass++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var text in texts)
            {
                for (var r = 0; r < repeats; r++)
                {
                    TextPlaceholders.Apply(text);
                }
            }
            nanos[pass] = clock.Elapsed.TotalNanoseconds / texts.Length / repeats;
        }
        Array.Sort(nanos);
        return nanos[Passes / 2];
    }

    private static string[] Planted(string[] texts, int every) =>
        [.. texts.Select((t, i) => i % every != 0 ? t
            : i % 2 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{t} You can reach me on +44 20 7946 0{i % 1000:D3}.")
            : string.Create(CultureInfo.InvariantCulture, $"{t} My email is customer.{i}@example.com"))];
}
