using System.CommandLine;
using System.Text.Json;
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

    public IAnsiConsole Out { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    public IAnsiConsole Err { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public async Task<GraftHome> HomeAsync(CancellationToken cancellationToken) =>
        _home ??= await GraftHome.OpenAsync(Root, cancellationToken: cancellationToken);

    public void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public void Note(string message) => Err.MarkupLineInterpolated($"[grey]{message}[/]");
}
