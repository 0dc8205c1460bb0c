using System.CommandLine;
using System.Text.Json;
using Graft.Governance;

namespace Graft.Cli.Commands.Governance;

/// <summary>
/// <c>graft trail export [--usecase id] [--since time] [-o file]</c>: entries as JSON Lines, one a line with every field and
/// its hashes in hex, as they were hashed (docs/trail.md): what an auditor re-verifies away from the store.
/// </summary>
public static class TrailExportCommand
{
    public static Command Create()
    {
        var filter = new TrailFilterOptions();
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout" };
        var command = new Command("export", "Write the audit trail's entries as JSON Lines, every field and hash included.") { output };
        filter.AddTo(command);
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var entries = new TrailReader(home).ReadAsync(filter.Filter(parse, home.Now), cancellationToken);
            if (parse.GetValue(output) is not { } path)
            {
                await WriteAsync(context.Stdout, entries);
                return 0;
            }
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
            {
                throw GraftException.NotFound($"no folder {folder} to write {Path.GetFileName(path)} in");
            }
            // A file appears whole or not at all: written beside, then moved into place.
            var partial = $"{path}.{Guid.NewGuid():N}.partial";
            try
            {
                long count;
                await using (var writer = new StreamWriter(partial))
                {
                    count = await WriteAsync(writer, entries);
                }
                File.Move(partial, path, overwrite: true);
                context.Note($"wrote {count:N0} entries to {path}");
            }
            finally
            {
                File.Delete(partial);
            }
            return 0;
        });
        return command;
    }

    private static async Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<TrailEntry> entries)
    {
        var count = 0L;
        await foreach (var entry in entries)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(TrailEntryView.Of(entry), TrailEntryView.Json));
            count++;
        }
        return count;
    }
}
