using System.CommandLine;
using Graft.Governance;
using Spectre.Console;

namespace Graft.Cli.Commands.Governance;

/// <summary>
/// <c>graft trail at &lt;usecase&gt; &lt;time&gt;</c>: what was in force then (the champion, the stage and cohort, the kill
/// switch, the challenger), each with the entry that set it, from the trail alone.
/// </summary>
public static class TrailAtCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var time = new Argument<string>("time") { Description = "The instant (ISO 8601, UTC unless a zone is given), e.g. 2026-12-06T14:30:00Z" };
        var command = new Command("at", "Show which champion, stage, cohort, kill switch and challenger were in force at an instant, and which entry set each.") { useCase, time };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var at = TrailTime.Parse(parse.GetValue(time), "the time", home.Now);
            var state = TrailStateView.Of(await new TrailReader(home).AtAsync(parse.GetValue(useCase)!, at, cancellationToken));
            if (context.Json)
            {
                context.WriteJson(state);
                return 0;
            }
            context.Out.WriteLine($"{state.UseCase} at {state.At:yyyy-MM-ddTHH:mm:ss.ffffffZ}:");
            foreach (var (key, value) in state.Values())
            {
                context.Out.WriteLine(value is null
                    ? $"  {key,-15} (no entry sets it by then)"
                    : $"  {key,-15} {value.Value.GetRawText(),-24} set by entry {value.Sequence} ({value.Act}, {value.At:yyyy-MM-dd HH:mm:ss})");
            }
            return 0;
        });
        return command;
    }
}
