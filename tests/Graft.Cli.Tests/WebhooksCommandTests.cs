using System.Net;
using Graft.Webhooks;

namespace Graft.Cli.Tests;

public sealed class WebhooksCommandTests : IDisposable
{
    private const string Spec = """
        id: toy
        title: Toy
        task: binary
        target: { column: label, positive: "yes" }
        rule: "colour == 'red'"
        """;

    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    private async Task ToyAsync() => Assert.Equal(0, (await _graft.RunAsync("usecase", "apply", _graft.Write("toy.yaml", Spec + "\n"))).ExitCode);

    [Fact]
    public async Task A_webhook_shows_its_secret_once_logs_its_deliveries_redelivers_and_is_removed()
    {
        await ToyAsync();

        var added = await _graft.RunAsync("webhooks", "add", "toy", "https://app.example.com/graft", "--events", "stage.changed,review.created", "--json");
        Assert.True(added.ExitCode == 0, added.ToString());
        var (id, secret) = (added.Json.GetProperty("id").GetString()!, added.Json.GetProperty("secret").GetString()!);
        Assert.StartsWith("whsec_", secret);
        var list = await _graft.RunAsync("webhooks", "list", "--json");
        Assert.DoesNotContain(secret, list.Out);
        Assert.Equal((id, "https://app.example.com/graft"), (list.Json[0].GetProperty("id").GetString(), list.Json[0].GetProperty("url").GetString()));
        Assert.DoesNotContain(secret, (await _graft.RunAsync("webhooks", "list", "toy")).Out);

        Assert.Equal(0, (await _graft.RunAsync("kill", "toy", "--reason", "drill")).ExitCode);
        var pending = await _graft.RunAsync("webhooks", "deliveries", "toy", "--status", "pending", "--json");
        var delivery = Assert.Single(pending.Json.EnumerateArray());
        Assert.Equal(("stage.changed", id, 0), (delivery.GetProperty("event").GetString(), delivery.GetProperty("webhook").GetString(), delivery.GetProperty("attempts").GetInt32()));
        Assert.True(delivery.GetProperty("payload").GetProperty("data").GetProperty("killed").GetBoolean());

        var again = await _graft.RunAsync("webhooks", "redeliver", delivery.GetProperty("id").GetString()!, "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(delivery.GetProperty("event_id").GetString(), again.Json.GetProperty("event_id").GetString());
        Assert.Equal(2, (await _graft.RunAsync("webhooks", "deliveries", "--json")).Json.GetArrayLength());

        Assert.NotEqual(0, (await _graft.RunAsync("webhooks", "remove", id)).ExitCode); // no reason
        Assert.Equal(0, (await _graft.RunAsync("webhooks", "remove", id, "--reason", "moved")).ExitCode);
        Assert.Equal(0, (await _graft.RunAsync("webhooks", "list", "--json")).Json.GetArrayLength());
        Assert.Equal(2, (await _graft.RunAsync("webhooks", "deliveries", "--status", "failed", "--json")).Json.GetArrayLength());
        var trail = await _graft.RunAsync("trail", "list", "--json");
        Assert.Equal(["webhook.added", "webhook.removed"], trail.Json.EnumerateArray().Select(e => e.GetProperty("act").GetString()).Where(a => a!.StartsWith("webhook.", StringComparison.Ordinal)));
        Assert.DoesNotContain(secret, trail.Out);
    }

    [Theory]
    [InlineData(2, "not an http or https URL", "webhooks", "add", "toy", "ftp://app.example.com/x", "--events", "stage.changed")]
    [InlineData(2, "own address", "webhooks", "add", "toy", "http://localhost:5080/x", "--events", "stage.changed")]
    [InlineData(2, "review.created, review.decided, stage.changed, alert.firing, alert.resolved", "webhooks", "add", "toy", "https://app.example.com/x", "--events", "stage.moved")]
    [InlineData(3, "no use case 'nope'", "webhooks", "add", "nope", "https://app.example.com/x", "--events", "stage.changed")]
    [InlineData(3, "no use case 'nope'", "webhooks", "list", "nope")]
    [InlineData(3, "no webhook 'wh_nope'", "webhooks", "remove", "wh_nope", "--reason", "gone")]
    [InlineData(3, "no delivery 'whd_nope'", "webhooks", "redeliver", "whd_nope")]
    [InlineData(2, "not a webhook event", "webhooks", "deliveries", "--event", "stage.moved")]
    public async Task Bad_webhook_requests_fail_with_one_line_naming_the_problem_and_record_nothing(int exitCode, string named, params string[] args)
    {
        await ToyAsync();

        var result = await _graft.RunAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(named, Assert.Single(result.Err.Trim().Split('\n')));
        Assert.Equal(0, (await _graft.RunAsync("webhooks", "list", "--json")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Serve_sends_a_kill_made_with_the_cli_to_the_receiver_signed_with_the_secret()
    {
        await ToyAsync();
        var receiverPort = ServeCommandTests.FreePort();
        using var receiver = new HttpListener { Prefixes = { $"http://127.0.0.1:{receiverPort}/" } };
        receiver.Start();
        var secret = (await _graft.RunAsync("webhooks", "add", "toy", $"http://127.0.0.1:{receiverPort}/graft", "--events", "stage.changed")).Out.Trim();
        Assert.Equal(0, (await _graft.RunAsync("kill", "toy", "--reason", "drill")).ExitCode);
        var port = ServeCommandTests.FreePort();
        using var server = _graft.Start(["serve", "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string> { ["GRAFT_BOOTSTRAP_ADMIN_KEY"] = "cli-test-admin-key-0123456789abcdefghij" });
        try
        {
            var received = receiver.GetContextAsync();
            Assert.Same(received, await Task.WhenAny(received, Task.Delay(TimeSpan.FromSeconds(60))));
            var context = await received;
            var body = await new StreamReader(context.Request.InputStream).ReadToEndAsync();
            context.Response.StatusCode = 204;
            context.Response.Close();

            Assert.Equal("stage.changed", context.Request.Headers["Graft-Event"]);
            Assert.True(WebhookSignature.Verify(context.Request.Headers["Graft-Signature"], secret, body, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance));
            string? status = null;
            for (var wait = 0; wait < 100 && status != "delivered"; wait++)
            {
                await Task.Delay(100);
                status = (await _graft.RunAsync("webhooks", "deliveries", "toy", "--json")).Json[0].GetProperty("status").GetString();
            }
            Assert.Equal("delivered", status);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
