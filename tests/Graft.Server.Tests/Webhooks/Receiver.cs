using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Graft.Server.Tests.Webhooks;

/// <summary>An app's webhook receiver on 127.0.0.1 at a free port: keeps every request, and answers with the statuses it is given, then 200.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses;

    private Receiver(WebApplication app, IEnumerable<int> statuses)
    {
        _app = app;
        _statuses = new ConcurrentQueue<int>(statuses);
    }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public string Url => _app.Urls.First() + "/graft-events";

    public static async Task<Receiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new Receiver(app, statuses);
        app.MapPost("/graft-events", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver.Requests.Enqueue(new Request(
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), await reader.ReadToEndAsync()));
            return Results.StatusCode(receiver._statuses.TryDequeue(out var status) ? status : 200);
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>A URL on 127.0.0.1 where nothing listens: a receiver that is down.</summary>
    public static string Down()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/graft-events";
    }

    /// <summary>Waits until <paramref name="count"/> requests came, or fails after 30 s.</summary>
    public async Task<IReadOnlyList<Request>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Requests.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the receiver got {Requests.Count} of {count} requests in 30 s");
            await Task.Delay(50);
        }
        return [.. Requests];
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public sealed record Request(IReadOnlyDictionary<string, string> Headers, string Body);
}
