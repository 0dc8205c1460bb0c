using System.CommandLine;
using Graft.Data;
using Spectre.Console;

namespace Graft.Cli.Commands.Data;

/// <summary><c>graft data add --usecase &lt;id&gt; &lt;file&gt;</c>: imports a delimited file as an immutable dataset version.</summary>
public static class DataAddCommand
{
    public static Command Create()
    {
        var useCase = new Option<string>("--usecase") { Description = "The use case the data is for", Required = true };
        var file = new Argument<string>("file") { Description = "A delimited file with a header row (comma, semicolon, tab or pipe)" };
        var command = new Command("add", "Import a delimited file as a dataset version named by its content hash.") { useCase, file };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var result = await new DatasetCatalog(home).ImportAsync(parse.GetValue(useCase)!, parse.GetValue(file)!, context.Operator, cancellationToken);
            var v = result.Version;
            if (context.Json)
            {
                context.WriteJson(new
                {
                    version = v.Id, sha256 = v.Sha256, rows = v.Rows, columns = v.Columns, bytes = v.Bytes, created = result.Created,
                    schema = v.Schema().Select(f => new { name = f.Name, type = f.Type.ToString().ToLowerInvariant(), completeness = f.Completeness }),
                });
                return 0;
            }
            context.Out.WriteLine(v.Id);
            context.Note(result.Created
                ? $"imported {v.Rows:N0} rows × {v.Columns} columns from {v.SourceName}"
                : $"already imported: the same bytes are version {v.Id}");
            return 0;
        });
        return command;
    }
}
