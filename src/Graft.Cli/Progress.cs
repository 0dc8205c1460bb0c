using Graft.Training;
using Spectre.Console;

namespace Graft.Cli;

/// <summary>A progress bar on stderr for long work; plain step lines when stderr is not a terminal.</summary>
public static class Progress
{
    public static async Task<T> RunAsync<T>(CliContext context, string title, Func<IProgress<TrainingProgress>, Task<T>> work)
    {
        if (Console.IsErrorRedirected || context.Json)
        {
            var last = "";
            return await work(new Progress<TrainingProgress>(p =>
            {
                if (p.Step != last && !context.Json)
                {
                    last = p.Step;
                    Console.Error.WriteLine($"{title}: {p.Step}");
                }
            }));
        }
        return await context.Err.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(title, maxValue: 1);
                var result = await work(new Progress<TrainingProgress>(p =>
                {
                    task.Description = Markup.Escape($"{title}: {p.Step}");
                    task.Value = p.Fraction;
                }));
                task.Value = 1;
                return result;
            });
    }
}
