using System.CommandLine;
using System.Text.Json;
using Graft.Governance;
using Graft.Storage;
using Spectre.Console;

namespace Graft.Cli;

/// <summary>
/// What a command needs: the store (opened on first use), whether to print JSON, and two consoles: data goes
/// to stdout, diagnostics and progress to stderr, so `graft … --json | jq` always works.
/// </summary>
public sealed class CliContext(ParseResult parse)
{
    public static readonly JsonSerializerOptions JsonOptions = new(Registry.ModelRegistry.Json) { WriteIndented = true };

    private GraftHome? _home;

    public bool Json { get; } = parse.GetValue(GlobalOptions.Json);

    public string Root { get; } = GraftHome.ResolveRoot(parse.GetValue(GlobalOptions.DataDir));

    public IAnsiConsole Out { get; } = Console(System.Console.Out, System.Console.IsOutputRedirected);

    public IAnsiConsole Err { get; } = Console(System.Console.Error, System.Console.IsErrorRedirected);

    public async Task<GraftHome> HomeAsync(CancellationToken cancellationToken) =>
        _home ??= await GraftHome.OpenAsync(Root, cancellationToken: cancellationToken);

    /// <summary>Who acts, as the audit trail records it: the CLI works on the store directly, as the operating-system user.</summary>
    public Actor Operator { get; } = Actor.Operator(Environment.UserName);

    public TextWriter Stdout { get; } = System.Console.Out;

    public void WriteJson<T>(T value) => Stdout.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Redirected output gets a wide fixed width, so tables stay readable in files and pipes.</summary>
    private static IAnsiConsole Console(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = 140;
        }
        return console;
    }

    public void Note(string message) => Err.MarkupLineInterpolated($"[grey]{message}[/]");
}
