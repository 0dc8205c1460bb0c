using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Graft.Governance;
using Graft.Rollout;
using Graft.Storage;

namespace Graft.Bench;

/// <summary>
/// How long a kill made by another process takes to reach a loaded <c>graft serve</c>: the demo's use case is served
/// by a server process of its own under full load from concurrent clients, and this process, on the same store as
/// the CLI would be, throws the kill switch and releases it, 20 times each. A try's propagation is how long after the
/// act was committed a request could still be sent and get the old answer: the send time of the last answer that did
/// not yet follow the change (zero when none). The promise is one second.
/// </summary>
internal static class KillSwitchBench
{
    private const int Tries = 20;
    private static readonly Actor Bench = DemoStore.Bench;
    private const int Clients = 16;
    private const string Key = "bench-admin-key-0123456789abcdefghijklmnop";
    private const string Row = """{"entity_id":"C-000001","inputs":{"plan":"Standard","contract":"Month-to-month","payment_method":"Card","region":"North","tenure_months":4,"monthly_charges":53.95,"total_charges":215.8,"support_tickets_90d":1,"logins_30d":13,"late_payments_12m":0,"nps_score":4}}""";

    public static async Task RunAsync()
    {
        var graftDll = FindGraftDll();
        var root = Path.Combine(Path.GetTempPath(), "graft-bench-kill-" + Guid.NewGuid().ToString("N")[..8]);
        Process? server = null;
        try
        {
            var home = await GraftHome.OpenAsync(root);
            await DemoStore.CreateAsync(home, Path.Combine(root, "customers.csv"), 3000, 42);
            server = Process.Start(new ProcessStartInfo("dotnet", [graftDll, "serve", "--urls", "http://127.0.0.1:5093", "--data-dir", root])
            {
                // No rate limit: the load is the point.
                Environment = { [KeyStore.BootstrapVariable] = Key, ["Graft__RateLimit__RequestsPerSecond"] = "0" },
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            server.OutputDataReceived += (_, _) => { };
            server.ErrorDataReceived += (_, _) => { };
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5093"), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            await WaitLiveAsync(http);

            var answers = new ConcurrentQueue<(long SentAt, bool Killed)>();
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Clients).Select(_ => Task.Run(() => LoadAsync(http, answers, stop.Token))).ToList();
            await Task.Delay(2000); // warm up
            var control = new RolloutControl(home); // another process than the server, as the CLI is
            var actor = Bench;
            var (kills, revives) = (new List<double>(), new List<double>());
            long answered = 0;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Tries; i++)
            {
                kills.Add(await TryAsync(answers, killed: true, () => control.KillAsync("churn-risk", $"try {i}", actor, default)));
                answered += answers.Count;
                revives.Add(await TryAsync(answers, killed: false, () => control.ReviveAsync("churn-risk", $"try {i}", actor, default)));
                answered += answers.Count;
            }
            var seconds = clock.Elapsed.TotalSeconds;
            await stop.CancelAsync();
            await Task.WhenAll(load);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"kill switch across processes, {Clients} clients on one graft serve, {answered / seconds:N0} answers/s during the tries"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  kill:   p50 {Median(kills):N0} ms, max {kills.Max():N0} ms over {Tries} tries"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  revive: p50 {Median(revives):N0} ms, max {revives.Max():N0} ms over {Tries} tries"));
        }
        finally
        {
            if (server is { HasExited: false })
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Makes the change, then watches 1.5 s of answers: the last one sent after the commit that still was not <paramref name="killed"/>.</summary>
    private static async Task<double> TryAsync(ConcurrentQueue<(long SentAt, bool Killed)> answers, bool killed, Func<Task> change)
    {
        await change();
        var committed = Stopwatch.GetTimestamp();
        answers.Clear();
        await Task.Delay(1500);
        var stale = answers.Where(a => a.SentAt > committed && a.Killed != killed).Select(a => a.SentAt).DefaultIfEmpty(committed).Max();
        if (!answers.Any(a => a.SentAt > stale && a.Killed == killed))
        {
            throw new InvalidOperationException($"no answer followed the {(killed ? "kill" : "revival")} within 1.5 s");
        }
        return Stopwatch.GetElapsedTime(committed, stale).TotalMilliseconds;
    }

    private static async Task LoadAsync(HttpClient http, ConcurrentQueue<(long, bool)> answers, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.PostAsync("/v1/usecases/churn-risk/predict", new StringContent(Row, Encoding.UTF8, "application/json"), cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"predict answered {(int)response.StatusCode}: {body}");
                }
                answers.Enqueue((sent, body.Contains("\"fallback_reason\":\"killed\"", StringComparison.Ordinal)));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static async Task WaitLiveAsync(HttpClient http)
    {
        for (var i = 0; i < 150; i++)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException("graft serve did not start");
    }

    private static string FindGraftDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "Graft.Cli", "bin", "Release", "net10.0", "graft.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }
        throw new FileNotFoundException("graft.dll not found: run dotnet build src/Graft.Cli -c Release first");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
