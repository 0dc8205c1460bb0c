using System.CommandLine;
using Graft.Governance;
using Graft.Review;
using Spectre.Console;

namespace Graft.Cli.Commands.Review;

/// <summary>
/// <c>graft review list [--usecase id] [--state s] [--older-than 2h] [--selected-by why] [--assignee who] [--limit n]</c>:
/// the queue, oldest first; <c>--json</c> prints <c>{"items": [{"id", "use_case", "prediction_id", "state", "assignee", "created_at", …}]}</c>.
/// </summary>
public static class ReviewListCommand
{
    public static Command Create()
    {
        var useCase = new Option<string?>("--usecase") { Description = "Only this use case's items" };
        var state = new Option<string?>("--state") { Description = $"Only items in this state: {string.Join(", ", ReviewStates.All)}" };
        var olderThan = new Option<string?>("--older-than") { Description = "Only items at least this old: 30m, 2h, 1d" };
        var selectedBy = new Option<string?>("--selected-by") { Description = "Only items selected for this reason: assist, band, warnings, risk, rule, sample" };
        var assignee = new Option<string?>("--assignee") { Description = "Only items claimed by this reviewer (key:<id> or cli:<user>)" };
        var limit = new Option<int>("--limit") { Description = "How many items at most (default 100)", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List the review queue, oldest first.") { useCase, state, olderThan, selectedBy, assignee, limit };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            TimeSpan? age = null;
            if (parse.GetValue(olderThan) is { } text && (age = RetentionPolicy.ParseDuration(text)) is null)
            {
                throw GraftException.Invalid($"--older-than '{text}' is not a duration: write minutes as 30m, hours as 2h or days as 1d");
            }
            if (parse.GetValue(limit) is < 1 or > 1000)
            {
                throw GraftException.Invalid($"--limit is how many items to list, 1 to 1000; got {parse.GetValue(limit)}");
            }
            var home = await context.HomeAsync(cancellationToken);
            var items = await new ReviewQueue(home).ListAsync(
                new ReviewFilter(parse.GetValue(useCase), parse.GetValue(state), age, parse.GetValue(selectedBy), parse.GetValue(assignee), parse.GetValue(limit)), cancellationToken);
            if (context.Json)
            {
                context.WriteJson(new { items });
                return 0;
            }
            if (items.Count == 0)
            {
                context.Out.WriteLine("The queue holds no such items.");
                return 0;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("id", "use case", "state", "why", "answer", "confidence", "created", "assignee");
            foreach (var i in items)
            {
                table.AddRow(new Text(i.Id), new Text(i.UseCase), new Text(i.State), new Text(i.SelectedBy), new Text(ReviewShowCommand.Answer(i)),
                    new Text(i.Confidence ?? "-"), new Text($"{i.CreatedAt:yyyy-MM-dd HH:mm:ss}"), new Text(i.Assignee ?? "-"));
            }
            context.Out.Write(table);
            return 0;
        });
        return command;
    }
}
