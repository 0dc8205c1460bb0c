using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Graft.Cli.Tests;

/// <summary>
/// graft review on the demo's use case under a review policy, served by another process: the queue's contract, a
/// decision and its refusals, and a server killed (SIGKILL) while answers go to review, losing no item it acknowledged.
/// </summary>
public sealed class ReviewCommandTests : IDisposable
{
    private const string AdminKey = "cli-test-admin-key-0123456789abcdefghij";
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    [Fact]
    public async Task A_killed_server_loses_no_acknowledged_review_item_and_the_queue_is_worked_from_the_cli()
    {
        Assert.Equal(0, (await _graft.RunAsync("demo", "--no-serve", "--rows", "1000")).ExitCode);
        var spec = _graft.Write("churn.yaml", Graft.Data.Demo.ChurnDemoData.SpecYaml + "review: { band: [0, 1], reasons: [wrong_label, missing_context] }\n");
        Assert.Equal(0, (await _graft.RunAsync("usecase", "apply", spec)).ExitCode);
        var port = ServeCommandTests.FreePort();
        using var server = _graft.Start(["serve", "--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string> { ["GRAFT_BOOTSTRAP_ADMIN_KEY"] = AdminKey, ["Graft__PredictionLog__Durable"] = "true" });
        var acknowledged = new ConcurrentBag<string>();
        try
        {
            await ServeCommandTests.WaitUntilLiveAsync(port);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        using var response = await client.PostAsJsonAsync("/v1/usecases/churn-risk/predict", Row($"C-{w}-{i}", i), stop.Token);
                        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token)).RootElement;
                        acknowledged.Add(answer.GetProperty("review_id").GetString()!);
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return; // the server is gone: what it answered before is what must be kept
                    }
                }
            })).ToList();
            while (acknowledged.Count < 60)
            {
                await Task.Delay(20);
            }
            server.Kill(entireProcessTree: true); // SIGKILL, mid-burst
            await server.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }

        var listed = await _graft.RunAsync("review", "list", "--usecase", "churn-risk", "--limit", "1000", "--json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var items = listed.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Subset(items.Select(i => i.GetProperty("id").GetString()!).ToHashSet(), acknowledged.ToHashSet());
        Assert.All(new[] { "id", "use_case", "prediction_id", "state", "assignee", "created_at" }, key => Assert.True(items[0].TryGetProperty(key, out _), key));

        var (first, second) = (items[0].GetProperty("id").GetString()!, items[1].GetProperty("id").GetString()!);
        var label = items[0].GetProperty("label").GetString();
        Assert.Equal(4, (await _graft.RunAsync("review", "decide", first, "--decision", "accept")).ExitCode); // not claimed
        Assert.Equal(0, (await _graft.RunAsync("review", "claim", first)).ExitCode);
        Assert.Equal(2, (await _graft.RunAsync("review", "decide", first, "--decision", "override", "--label", "Maybe", "--reason", "wrong_label")).ExitCode);
        Assert.Equal(2, (await _graft.RunAsync("review", "decide", first, "--decision", "override", "--label", "No", "--reason", "hunch")).ExitCode);
        var decided = await _graft.RunAsync("review", "decide", first, "--decision", "override", "--label", label == "Yes" ? "No" : "Yes", "--reason", "wrong_label", "--note", "called them");
        Assert.True(decided.ExitCode == 0, decided.ToString());
        Assert.Equal(4, (await _graft.RunAsync("review", "decide", first, "--decision", "accept")).ExitCode); // decided already
        Assert.Equal(3, (await _graft.RunAsync("review", "claim", "nope")).ExitCode);
        Assert.Equal(0, (await _graft.RunAsync("review", "claim", second)).ExitCode);
        Assert.Equal(0, (await _graft.RunAsync("review", "release", second)).ExitCode);

        var shown = await _graft.RunAsync("review", "show", first, "--json");
        Assert.Equal("decided", shown.Json.GetProperty("item").GetProperty("state").GetString());
        Assert.Equal("wrong_label", Assert.Single(shown.Json.GetProperty("decisions").EnumerateArray()).GetProperty("reason").GetString());
        Assert.Equal("pending", (await _graft.RunAsync("review", "show", second, "--json")).Json.GetProperty("item").GetProperty("state").GetString());
        var stats = await _graft.RunAsync("review", "stats", "churn-risk", "--json");
        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.All(new[] { "review_rate", "override_rate", "overrides_by_reason", "model_agreement", "reviewer_kappa", "quality" }, key => Assert.True(stats.Json.TryGetProperty(key, out _), key));
        Assert.Equal(1.0, stats.Json.GetProperty("override_rate").GetDouble());
        Assert.Equal(1, stats.Json.GetProperty("overrides_by_reason").GetProperty("wrong_label").GetInt32());

        var now = DateTime.UtcNow.ToString("O");
        var outcomes = _graft.Write("outcomes.csv", $"entity_id,observed_at,label\nC-0-0,{now},Yes\nC-1-0,{now},No\n");
        var imported = await _graft.RunAsync("outcomes", "import", "churn-risk", outcomes, "--json");
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Equal(2, imported.Json.GetProperty("recorded").GetInt32());
        var bad = _graft.Write("bad.csv", $"entity_id,observed_at,label\nC-0-0,{now},Yes\nC-1-0,{now},Perhaps\n");
        var refused = await _graft.RunAsync("outcomes", "import", "churn-risk", bad);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("outcomes[1]", refused.Err);
        Assert.Equal(2, (await _graft.RunAsync("outcomes", "import", "churn-risk", _graft.Write("none.csv", "customer,label\nC-0-0,Yes\n"))).ExitCode);

        var trail = await _graft.RunAsync("trail", "verify");
        Assert.True(trail.ExitCode == 0, trail.ToString());
    }

    /// <summary>A prediction request for one of the demo's customers, its contract and tenure varying with <paramref name="i"/>.</summary>
    internal static object Row(string customer, int i) => new
    {
        entity_id = customer,
        inputs = new Dictionary<string, object>
        {
            ["plan"] = "Standard", ["contract"] = i % 2 == 0 ? "Month-to-month" : "One year", ["payment_method"] = "Card", ["region"] = "North",
            ["tenure_months"] = 1 + i % 40, ["monthly_charges"] = 53.95, ["total_charges"] = 215.8, ["support_tickets_90d"] = i % 4, ["logins_30d"] = 13,
            ["late_payments_12m"] = 0, ["nps_score"] = 4, ["last_ticket_text"] = "How do I change my plan?",
        },
    };
}
