using System.CommandLine;
using Graft.Training;

namespace Graft.Cli.Commands.Training;

/// <summary>
/// <c>graft train --usecase &lt;id&gt; [--dataset &lt;version&gt;]…</c>: trains and compares the rule and model candidates on the
/// latest imported dataset version, or on the union of those named, and registers the models.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var useCase = new Option<string>("--usecase") { Description = "The use case to train", Required = true };
        var dataset = new Option<string[]>("--dataset") { Description = "Dataset version; repeat it to train on several, rows one after the other (default: the latest imported)" };
        var testData = new Option<string?>("--test-data") { Description = "A delimited file to test on instead of a split of the dataset" };
        var command = new Command("train", "Train model candidates, compare them with the rule, and register them.") { useCase, dataset, testData };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var request = new TrainingRequest(parse.GetValue(useCase)!, parse.GetValue(dataset) ?? [], parse.GetValue(testData));
            var result = await Progress.RunAsync(context, "training", progress =>
                new TrainingRunner(home).RunAsync(request, context.Operator, progress, cancellationToken));
            if (context.Json)
            {
                context.WriteJson(result);
            }
            else
            {
                ComparisonTable.Write(context, result);
            }
            return 0;
        });
        return command;
    }
}
