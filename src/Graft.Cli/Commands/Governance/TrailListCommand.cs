using System.CommandLine;
using Graft.Governance;
using Spectre.Console;

namespace Graft.Cli.Commands.Governance;

/// <summary><c>graft trail list [--usecase id] [--since time] [--limit n]</c>: the latest entries, oldest first.</summary>
public static class TrailListCommand
{
    public const int DefaultLimit = 100;

    public static Command Create()
    {
        var filter = new TrailFilterOptions();
        var limit = new Option<int>("--limit") { Description = $"How many of the latest entries (default {DefaultLimit})", DefaultValueFactory = _ => DefaultLimit };
        var command = new Command("list", "List the audit trail's entries: who did what, to what, when and why.") { limit };
        filter.AddTo(command);
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            if (parse.GetValue(limit) < 1)
            {
                throw GraftException.Invalid($"--limit is how many entries to list, 1 or more; got {parse.GetValue(limit)}");
            }
            var home = await context.HomeAsync(cancellationToken);
            var entries = await new TrailReader(home).ListAsync(filter.Filter(parse, home.Now, parse.GetValue(limit)), cancellationToken);
            if (context.Json)
            {
                context.WriteJson(entries.Select(TrailEntryView.Of));
                return 0;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("seq", "time", "actor", "act", "subject", "reason");
            foreach (var e in entries)
            {
                table.AddRow(new Text($"{e.Sequence}"), new Text($"{e.At:yyyy-MM-dd HH:mm:ss}"), new Text($"{e.ActorId} ({e.ActorRole})"),
                    new Text(e.Act), new Text(e.Subject), new Text(e.Reason ?? "-"));
            }
            context.Out.Write(table);
            return 0;
        });
        return command;
    }
}
