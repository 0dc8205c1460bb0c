using System.CommandLine;
using Graft.Data;
using Spectre.Console;

namespace Graft.Cli.Commands.Data;

/// <summary><c>graft data list &lt;usecase&gt;</c>: each version, and where it came from (an imported file, or a feedback export with its lineage).</summary>
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
                context.WriteJson(versions.Select(v => new
                {
                    version = v.Id, sha256 = v.Sha256, source = v.SourceName, rows = v.Rows, columns = v.Columns, created_at = v.CreatedAt, lineage = v.Lineage(),
                }));
                return 0;
            }
            var table = new Table().AddColumns("version", "source", "rows", "columns", "added").AddColumn(new TableColumn("from").NoWrap());
            foreach (var v in versions)
            {
                table.AddRow(v.Id, Markup.Escape(v.SourceName), $"{v.Rows:N0}", $"{v.Columns}", $"{v.CreatedAt:yyyy-MM-dd HH:mm}", Markup.Escape(From(v.Lineage())));
            }
            context.Out.Write(table);
            return 0;
        });
        return command;
    }

    /// <summary>Where a version came from, short enough for the table; <c>--json</c> has an export's whole lineage (its prediction ids too).</summary>
    private static string From(DatasetLineage? lineage) => lineage is null ? "imported file"
        : $"export as of {lineage.AsOf:yyyy-MM-dd HH:mm}Z: {lineage.FromOutcomes:N0} outcomes, {lineage.FromReviews:N0} reviews";
}
