using System.CommandLine;
using System.Text.Json;
using Graft.Governance;
using Spectre.Console;

namespace Graft.Cli.Commands.Governance;

/// <summary>
/// <c>graft retention run</c> applies every use case's retention now (each use case's deletions a trail entry with its
/// counts); <c>graft retention status</c> lists the latest runs, scheduled (one a day by <c>graft serve</c>) or asked for.
/// </summary>
public static class RetentionCommand
{
    public static Command Create()
    {
        var run = new Command("run", "Apply every use case's retention now: delete predictions and drop inputs past their time.");
        CommandAction.Set(run, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var done = await new ScheduledRuns(home).RunRetentionNowAsync(Actor.Operator(Environment.UserName), cancellationToken);
            Write(context, [done]);
            return done.Status == ScheduledRun.Succeeded ? 0 : 1;
        });
        var limit = new Option<int>("--limit") { Description = "How many runs to show", DefaultValueFactory = _ => 10 };
        var status = new Command("status", "List the latest retention runs with their status and counts.") { limit };
        CommandAction.Set(status, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            Write(context, await new ScheduledRuns(home).ListAsync(ScheduledRuns.RetentionKind, Math.Max(1, parse.GetValue(limit)), cancellationToken));
            return 0;
        });
        return new Command("retention", "Apply and inspect the retention of predictions and their inputs.") { run, status };
    }

    private static void Write(CliContext context, IReadOnlyList<ScheduledRun> runs)
    {
        if (context.Json)
        {
            context.WriteJson(runs.Select(r => new
            {
                slot = r.Slot, status = r.Status, by = r.By, started_at = r.StartedAt, finished_at = r.FinishedAt, error = r.Error,
                use_cases = r.ResultJson is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(r.ResultJson),
            }));
            return;
        }
        var table = new Table().AddColumns("run", "status", "by", "use cases");
        foreach (var r in runs)
        {
            var results = r.ResultJson is null ? [] : JsonSerializer.Deserialize<List<RetentionResult>>(r.ResultJson, Registry.ModelRegistry.Json) ?? [];
            var counts = r.Error ?? (results.Count == 0 ? "no use case has a retention policy"
                : string.Join("; ", results.Select(u => $"{u.UseCase}: {u.PredictionsDeleted:N0} predictions deleted, inputs dropped from {u.InputsDropped:N0}, {u.OutcomesDeleted:N0} outcomes and {u.ReviewItemsDeleted:N0} closed review items deleted")));
            table.AddRow(new Text(r.Slot), new Text(r.Status), new Text(r.By), new Text(counts));
        }
        context.Out.Write(table);
    }
}
