using System.Net;
using System.Net.Sockets;

namespace Graft.Cli.Tests;

public sealed class ServeCommandTests : IDisposable
{
    private const string AdminKey = "cli-test-admin-key-0123456789abcdefghij";
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    [Fact]
    public async Task Serve_answers_and_predict_through_it_matches_predict_in_process()
    {
        Assert.Equal(0, (await _graft.RunAsync("demo", "--no-serve", "--rows", "1000")).ExitCode);
        // "notes" is no field of the use case: in process it is ignored; the service refuses it, so it is left out
        // X-3 lacks tenure_months, which the model requires: both answer it with the rule
        var input = _graft.Write("new.csv", "customer_id,plan,contract,payment_method,region,tenure_months,monthly_charges,total_charges,support_tickets_90d,logins_30d,late_payments_12m,notes\n" +
            "X-1,Basic,Month-to-month,Card,Central,7,99.5,700,5,3,3,called\nX-2,Premium,Two year,Card,Central,48,20,960,0,40,0,\nX-3,Basic,One year,Card,Central,,55,500,1,10,0,x\n");
        var port = FreePort();
        using var server = _graft.Start(["serve", "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string> { ["GRAFT_BOOTSTRAP_ADMIN_KEY"] = AdminKey });
        try
        {
            await WaitUntilLiveAsync(port);
            var remote = await _graft.RunAsync("predict", "--usecase", "churn-risk", input, "-o", Path.Combine(_graft.Root, "remote.csv"),
                "--server", $"http://127.0.0.1:{port}", "--key", AdminKey);
            var local = await _graft.RunAsync("predict", "--usecase", "churn-risk", input, "-o", Path.Combine(_graft.Root, "local.csv"));

            Assert.True(remote.ExitCode == 0, remote.ToString());
            Assert.Contains("columns that are not fields of churn-risk, not sent: notes", remote.Err);
            Assert.True(local.ExitCode == 0, local.ToString());
            Assert.Equal(
                File.ReadAllLines(Path.Combine(_graft.Root, "local.csv")).Select(Score),
                File.ReadAllLines(Path.Combine(_graft.Root, "remote.csv")).Select(Score));
            Assert.All(new[] { "local.csv", "remote.csv" }, f => Assert.EndsWith("rule (missing_inputs)", File.ReadAllLines(Path.Combine(_graft.Root, f))[3]));

            var wrongKey = await _graft.RunAsync("predict", "--usecase", "churn-risk", input, "-o", Path.Combine(_graft.Root, "x.csv"),
                "--server", $"http://127.0.0.1:{port}", "--key", "graft_wrong");
            Assert.NotEqual(0, wrongKey.ExitCode);
            Assert.Contains("401", wrongKey.Err);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("notaurl", "is not an address to listen on")]
    [InlineData("http://127.0.0.1:notaport", "its host or port cannot be read")]
    [InlineData("ftp://127.0.0.1:2121", "only http and https are served")]
    [InlineData("http://192.0.2.1:5095", "192.0.2.1 is not an address of this machine")] // TEST-NET-1, RFC 5737: never a real host
    [InlineData(";", "--urls is empty")]
    public async Task Serve_refuses_an_address_it_cannot_listen_on_in_one_line_before_making_a_key(string urls, string reason)
    {
        var serve = await _graft.RunAsync("serve", "--urls", urls);

        Assert.Equal(2, serve.ExitCode);
        Assert.Contains(reason, serve.Err);
        Assert.DoesNotContain("   at ", serve.Err);
        Assert.DoesNotContain("admin key", serve.Err); // checked before the store's first key is made
    }

    [Fact]
    public async Task Demo_refuses_an_address_it_cannot_serve_on_before_it_writes_anything()
    {
        var folder = Path.Combine(_graft.Root, "demo-out");

        var demo = await _graft.RunAsync("demo", "--urls", "notaurl", "--dir", folder);

        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("is not an address to listen on", demo.Err);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Serve_on_a_port_in_use_says_so_in_one_line()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var serve = await _graft.RunAsync("serve", "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(2, serve.ExitCode);
        Assert.Contains($"cannot listen on http://127.0.0.1:{port}: the address is already in use", serve.Err);
        Assert.DoesNotContain("   at ", serve.Err);
    }

    [Fact]
    public async Task Serve_with_log_format_json_reports_a_champion_that_cannot_load_as_one_json_line_on_stderr()
    {
        Assert.Equal(0, (await _graft.RunAsync("demo", "--no-serve", "--rows", "600")).ExitCode);
        foreach (var artifact in Directory.EnumerateFiles(Path.Combine(_graft.DataDir, "artifacts", "models"), "model.zip", SearchOption.AllDirectories))
        {
            await File.WriteAllTextAsync(artifact, "not a model"); // every version: whichever is the champion
        }
        var port = FreePort();
        using var server = _graft.Start(["serve", "--urls", $"http://127.0.0.1:{port}", "--log-format", "json"], new Dictionary<string, string> { ["GRAFT_BOOTSTRAP_ADMIN_KEY"] = AdminKey });
        var lines = new List<string>();
        var reading = Task.Run(async () =>
        {
            while (await server.StandardError.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });
        try
        {
            await WaitUntilLiveAsync(port);
            using var client = new HttpClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
            var answer = await client.PostAsync($"http://127.0.0.1:{port}/v1/usecases/churn-risk/predict",
                new StringContent("""{"inputs":{"contract":"Month-to-month"}}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Contains("\"fallback_reason\":\"model_error\"", await answer.Content.ReadAsStringAsync());

            System.Text.Json.JsonElement? logged = null;
            for (var wait = 0; wait < 50 && logged is null; wait++)
            {
                await Task.Delay(100);
                lock (lines)
                {
                    logged = lines.Where(l => l.StartsWith('{')).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
                        .Cast<System.Text.Json.JsonElement?>().FirstOrDefault(j => j!.Value.GetProperty("EventId").GetInt32() == 1002);
                }
            }
            Assert.True(logged is not null, string.Join("\n", lines));
            Assert.Equal("Warning", logged!.Value.GetProperty("LogLevel").GetString());
            Assert.Equal("Graft.Serving.Predictor", logged.Value.GetProperty("Category").GetString());
            Assert.Contains("cannot be loaded", logged.Value.GetProperty("Message").GetString());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            await reading;
        }
    }

    [Fact]
    public async Task Demo_ends_by_serving_its_use_case()
    {
        var port = FreePort();
        using var demo = _graft.Start(["demo", "--rows", "1000", "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string> { ["GRAFT_BOOTSTRAP_ADMIN_KEY"] = AdminKey });
        try
        {
            await WaitUntilLiveAsync(port);
            using var client = new HttpClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
            var answer = await client.PostAsync($"http://127.0.0.1:{port}/v1/usecases/churn-risk/predict", new StringContent(
                """{"entity_id":"C-1","inputs":{"plan":"Basic","contract":"Month-to-month","payment_method":"Card","region":"Central","tenure_months":7,"monthly_charges":95.5,"total_charges":700,"support_tickets_90d":4,"logins_30d":3,"late_payments_12m":2}}""",
                System.Text.Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("\"model_version\":\"churn-risk-v", await answer.Content.ReadAsStringAsync());
        }
        finally
        {
            demo.Kill(entireProcessTree: true);
            await demo.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Routes_that_read_raw_bodies_apply_their_own_size_limits_on_the_real_server()
    {
        var spec = _graft.Write("big.yaml", "id: big\ntitle: Big\ntask: binary\ntarget: {column: label, positive: 'yes'}\n");
        Assert.Equal(0, (await _graft.RunAsync("usecase", "apply", spec)).ExitCode);
        var port = FreePort();
        using var server = _graft.Start(["serve", "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string> { ["GRAFT_BOOTSTRAP_ADMIN_KEY"] = AdminKey });
        try
        {
            await WaitUntilLiveAsync(port);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
            // 17 MiB: over the server-wide 16 MiB limit for JSON requests, well under the 256 MiB an upload may be
            var csv = new System.Text.StringBuilder("id,x,label\n");
            for (var i = 0; csv.Length < 17 << 20; i++)
            {
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"row-{i:D12},{i % 97}.25,{(i % 3 == 0 ? "yes" : "no")}\n");
            }
            var upload = await client.PostAsync("/v1/usecases/big/datasets?name=big.csv", new StringContent(csv.ToString(), System.Text.Encoding.UTF8, "text/csv"));
            var tooLargeSpec = await client.PutAsync("/v1/usecases/big/spec", new StringContent(new string('#', 300 * 1024), System.Text.Encoding.UTF8, "application/yaml"));

            Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeSpec.StatusCode);
            Assert.Contains("larger than 256 KiB", await tooLargeSpec.Content.ReadAsStringAsync());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>The prediction score column, to 4 places (single-row and batch scoring may differ in the last float bits).</summary>
    private static string Score(string line) =>
        line.Split(',') is var cells && double.TryParse(cells[^2], System.Globalization.CultureInfo.InvariantCulture, out var score)
            ? $"{cells[^3]} {score:0.0000}" : cells[^2];

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task WaitUntilLiveAsync(int port)
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode)
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
        throw new TimeoutException("graft serve did not come up within a minute");
    }
}
