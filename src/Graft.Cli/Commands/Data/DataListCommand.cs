using System.CommandLine;
using Graft.Data;
using Spectre.Console;

namespace Graft.Cli.Commands.Data;

/// <summary><c>graft data list &lt;usecase&gt;</c>.</summary>
public static class DataListCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var command = new Command("list", "List a use case's dataset versions, newest first.") { useCase };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var versions = await new DatasetCatalog(await context.HomeAsync(cancellationToken)).ListAsync(parse.GetValue(useCase)!, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(versions.Select(v => new { version = v.Id, sha256 = v.Sha256, source = v.SourceName, rows = v.Rows, columns = v.Columns, created_at = v.CreatedAt }));
                return 0;
            }
            var table = new Table().AddColumns("version", "source", "rows", "columns", "imported");
            foreach (var v in versions)
            {
                table.AddRow(v.Id, Markup.Escape(v.SourceName), $"{v.Rows:N0}", $"{v.Columns}", $"{v.CreatedAt:yyyy-MM-dd HH:mm}");
            }
            context.Out.Write(table);
            return 0;
        });
        return command;
    }
}
