using System.CommandLine;
using Graft.UseCases;
using Spectre.Console;

namespace Graft.Cli.Commands.UseCases;

/// <summary><c>graft usecase apply &lt;file&gt;</c>: registers a use case, or records a new revision when the file changed.</summary>
public static class UseCaseApplyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The spec file (YAML)" };
        var command = new Command("apply", "Register a use case from its spec, or record a new revision of it.") { file };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw GraftException.NotFound($"no file {path}");
            }
            var yaml = await File.ReadAllTextAsync(path, cancellationToken);
            var home = await context.HomeAsync(cancellationToken);
            var result = await new UseCaseCatalog(home).ApplyAsync(yaml, path, context.Operator, cancellationToken);
            var outcome = result.Outcome.ToString().ToLowerInvariant();
            if (context.Json)
            {
                context.WriteJson(new { use_case = result.UseCaseId, revision = result.Revision, outcome });
            }
            else
            {
                context.Out.WriteLine($"{result.UseCaseId}: {outcome} (revision {result.Revision})");
            }
            return 0;
        });
        return command;
    }
}
