using System.CommandLine;
using Graft.Data;
using Graft.UseCases;

namespace Graft.Cli.Commands.UseCases;

/// <summary><c>graft brief &lt;usecase&gt;</c>: the use case's one-page brief, in Markdown.</summary>
public static class BriefCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("usecase") { Description = "The use case" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the brief to this file instead of stdout" };
        var command = new Command("brief", "Render a use case's spec as a one-page brief (Markdown).") { id, output };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var (useCase, revision) = await new UseCaseCatalog(home).GetAsync(parse.GetValue(id)!, cancellationToken);
            var markdown = UseCaseBrief.Render(revision.Spec(), revision.Revision, (await new DatasetCatalog(home).LatestOrNullAsync(useCase.Id, cancellationToken))?.Schema());
            if (parse.GetValue(output) is { } path)
            {
                await ReportFile.WriteAsync("--output", path, markdown, cancellationToken);
                context.Note($"wrote {path}");
            }
            if (context.Json)
            {
                context.WriteJson(new { use_case = useCase.Id, revision = revision.Revision, markdown });
            }
            else if (parse.GetValue(output) is null)
            {
                Console.Out.Write(markdown);
            }
            return 0;
        });
        return command;
    }
}
