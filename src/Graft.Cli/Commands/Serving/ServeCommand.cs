using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Graft.Governance;
using Graft.Server;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
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
        var logFormat = new Option<string>("--log-format") { Description = "Diagnostics on stderr: text (one line each) or json (one object each)", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("serve", "Serve the use cases' champions over HTTP.") { urls, logFormat };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            await RunAsync(context, await context.HomeAsync(cancellationToken), parse.GetValue(urls)!, cancellationToken, parse.GetValue(logFormat)!);
            return 0;
        });
        return command;
    }

    /// <summary>Makes the first admin key if the store has none, then serves until stopped.</summary>
    public static async Task RunAsync(CliContext context, Graft.Storage.GraftHome home, string urls, CancellationToken cancellationToken, string logFormat = "text")
    {
        CheckUrls(urls);
        var bootstrap = await new KeyStore(home).BootstrapAsync(Environment.GetEnvironmentVariable(KeyStore.BootstrapVariable), context.Operator, cancellationToken);
        if (bootstrap?.Secret is { } secret)
        {
            Console.Error.WriteLine($"graft: created the first admin key {bootstrap.Key.Id}; it is shown only now:");
            Console.Error.WriteLine(secret);
        }
        await using var app = GraftServer.Create(home, builder =>
        {
            builder.WebHost.UseUrls(urls);
            builder.Configuration[GraftServer.LogFormatSetting] = logFormat;
        });
        foreach (var problem in await app.Services.GetRequiredService<Graft.Serving.ServingState>().WarmAsync(cancellationToken))
        {
            Console.Error.WriteLine($"graft: a champion could not be loaded; its use case answers with the rule: {problem}");
        }
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (BindFailure(e) is { } reason)
        {
            throw GraftException.Invalid($"cannot listen on {urls}: {reason}");
        }
        context.Note($"serving {home.Root} on {urls} (Ctrl+C stops)");
        await app.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>
    /// Each of the ';'-separated addresses must be one Kestrel can parse, checked before anything is started or
    /// written: Kestrel itself reports a bad one only once the host is starting, as a stack trace.
    /// </summary>
    internal static void CheckUrls(string urls)
    {
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0)
        {
            throw GraftException.Invalid($"--urls is empty; give an address to listen on, e.g. {DefaultUrls}");
        }
        foreach (var address in addresses)
        {
            try
            {
                var parsed = BindingAddress.Parse(address);
                if (parsed.Scheme is not ("http" or "https"))
                {
                    throw new FormatException("only http and https are served");
                }
                // Kestrel reads "http://127.0.0.1:x" as a host named "127.0.0.1:x" on port 80; a URI must hold it
                // (with a wildcard host, * or +, read as localhost).
                var asUri = parsed.Host is "*" or "+" ? address.Replace("://" + parsed.Host, "://localhost", StringComparison.Ordinal) : address;
                if (!parsed.IsUnixPipe && !Uri.TryCreate(asUri, UriKind.Absolute, out _))
                {
                    throw new FormatException("its host or port cannot be read");
                }
                if (IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var ip) && !IsOwn(ip, 0))
                {
                    throw new FormatException($"{ip} is not an address of this machine");
                }
                if ((ip ?? (parsed.Host == "localhost" ? IPAddress.Loopback : null)) is { } own && parsed.Port > 0 && !IsOwn(own, parsed.Port))
                {
                    // found before the host starts, which would log its own failure with a stack trace
                    throw GraftException.Invalid($"cannot listen on {address}: the address is already in use; choose another port with --urls");
                }
            }
            catch (FormatException e)
            {
                throw GraftException.Invalid($"--urls '{address}' is not an address to listen on ({e.Message}); e.g. {DefaultUrls}");
            }
        }
    }

    /// <summary>Why Kestrel could not bind, when that is what <paramref name="e"/> says; null for any other failure.</summary>
    private static string? BindFailure(Exception e) => e switch
    {
        IOException { InnerException: AddressInUseException } => "the address is already in use; choose another port with --urls",
        IOException { InnerException: SocketException socket } => socket.Message,
        SocketException socket => socket.Message,
        _ => null,
    };

    /// <summary>
    /// Whether this machine can listen on <paramref name="ip"/> at <paramref name="port"/> (0: any free port), found by
    /// binding a socket there: an address not of this machine, or a port in use, says no.
    /// </summary>
    private static bool IsOwn(IPAddress ip, int port)
    {
        using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(ip, port));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressAlreadyInUse)
        {
            return false;
        }
    }
}
