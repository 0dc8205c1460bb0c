using System.CommandLine;
using Graft.Governance;
using Graft.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Graft.Cli.Commands.Serving;

/// <summary>
/// <c>graft serve [--urls http://127.0.0.1:5080]</c>: the prediction service on this store. On a store without
/// keys, the first admin key comes from GRAFT_BOOTSTRAP_ADMIN_KEY, or is made and printed once.
/// </summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("serve", "Serve the use cases' champions over HTTP.") { urls };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            await RunAsync(context, await context.HomeAsync(cancellationToken), parse.GetValue(urls)!, cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>Makes the first admin key if the store has none, then serves until stopped.</summary>
    public static async Task RunAsync(CliContext context, Graft.Storage.GraftHome home, string urls, CancellationToken cancellationToken)
    {
        var bootstrap = await new KeyStore(home).BootstrapAsync(Environment.GetEnvironmentVariable(KeyStore.BootstrapVariable), cancellationToken);
        if (bootstrap?.Secret is { } secret)
        {
            Console.Error.WriteLine($"graft: created the first admin key {bootstrap.Key.Id}; it is shown only now:");
            Console.Error.WriteLine(secret);
        }
        await using var app = GraftServer.Create(home, builder => builder.WebHost.UseUrls(urls));
        foreach (var problem in await app.Services.GetRequiredService<Graft.Serving.ServingState>().WarmAsync(cancellationToken))
        {
            Console.Error.WriteLine($"graft: a champion could not be loaded; its use case answers with the rule: {problem}");
        }
        context.Note($"serving {home.Root} on {urls} (Ctrl+C stops)");
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
