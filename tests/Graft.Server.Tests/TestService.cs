using System.Net.Http.Headers;
using Graft.Data;
using Graft.Governance;
using Graft.Storage;
using Graft.Training;
using Graft.UseCases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace Graft.Server.Tests;

/// <summary>The service in process on a fresh store, with an admin key; trains a small use case when asked.</summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Uri? _address; // on a real server (Kestrel), not the test host

    private TestService(string root, GraftHome home, WebApplication app, string adminKey, Uri? address)
    {
        Root = root;
        Home = home;
        _app = app;
        AdminKey = adminKey;
        _address = address;
    }

    public string Root { get; }

    public GraftHome Home { get; }

    public string AdminKey { get; }

    /// <summary>
    /// Starts the service on a fresh store, or on <paramref name="root"/> to start again on one a stopped service left; on
    /// Kestrel at a free local port when asked (for what only a real server does, such as refusing bodies over its limit).
    /// </summary>
    public static async Task<TestService> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null, string? root = null,
        Action<WebApplicationBuilder>? configure = null, bool kestrel = false)
    {
        root ??= Path.Combine(Path.GetTempPath(), "graft-server-" + Guid.NewGuid().ToString("N")[..10]);
        var home = await GraftHome.OpenAsync(root, time);
        var admin = await new KeyStore(home).BootstrapAsync(null, Testing.TestActors.Tester, default) ?? await new KeyStore(home).CreateAsync(Role.Admin, null, null, null, Testing.TestActors.Tester, default);
        var app = GraftServer.Create(home, builder =>
        {
            if (kestrel)
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
            }
            else
            {
                builder.WebHost.UseTestServer();
            }
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new TestService(root, home, app, admin!.Secret!, kestrel ? new Uri(app.Urls.First()) : null);
    }

    public IServiceProvider Services => _app.Services;

    public IReadOnlyList<Microsoft.AspNetCore.Routing.RouteEndpoint> Endpoints =>
        [.. ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()];

    public HttpClient Client(string? key = null)
    {
        var client = _address is null ? _app.GetTestClient() : new HttpClient { BaseAddress = _address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public async Task<string> KeyAsync(Role role, string? useCase = null) =>
        (await new KeyStore(Home).CreateAsync(role, useCase, null, null, Testing.TestActors.Tester, default)).Secret!;

    /// <summary>
    /// Registers the toy use case (x decides the label; the rule looks at colour), with an email and a note column
    /// when asked, and optionally trains it.
    /// </summary>
    public Task UseCaseAsync(string spec, bool train, bool withContact = false) =>
        UseCaseAsync(spec, Graft.Testing.ToyData.Csv(400, withContact: withContact), train);

    /// <summary>Registers a use case with the given data, and optionally trains it.</summary>
    public async Task UseCaseAsync(string spec, string csv, bool train)
    {
        await new UseCaseCatalog(Home).ApplyAsync(spec, "spec.yaml", Testing.TestActors.Tester, default);
        var path = Path.Combine(Root, "data.csv");
        await File.WriteAllTextAsync(path, csv);
        var id = SpecReader.Parse(spec).Id;
        await new DatasetCatalog(Home).ImportAsync(id, path, Testing.TestActors.Tester, default);
        if (train)
        {
            await new TrainingRunner(Home).RunAsync(new TrainingRequest(id), Testing.TestActors.Tester, null, default);
        }
    }

    /// <summary>Stops the service as a shutdown would (the prediction log writes what is queued), keeping the store.</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <summary>Every record the prediction log holds for a use case, read as Graft reads it back.</summary>
    public Task<List<Graft.Serving.PredictionRecord>> LogAsync(string useCase = "toy") => LogAsync(Home, useCase);

    public static async Task<List<Graft.Serving.PredictionRecord>> LogAsync(GraftHome home, string useCase) =>
        await new Graft.Serving.PredictionLogReader(home).ReadAsync(useCase, DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToListAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is not worth failing a test over
        }
    }
}
