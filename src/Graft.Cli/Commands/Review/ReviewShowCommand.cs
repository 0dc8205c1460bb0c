using System.CommandLine;
using Graft.Review;
using Spectre.Console;

namespace Graft.Cli.Commands.Review;

/// <summary><c>graft review show &lt;id&gt;</c>: one item with the answer, its explanation and warnings, and the inputs as the log keeps them.</summary>
public static class ReviewShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The review item" };
        var command = new Command("show", "Show a review item: the answer, why, its explanation and warnings, and the (masked) inputs.") { id };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var detail = await new ReviewQueue(home).ShowAsync(parse.GetValue(id)!, context.Operator, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(detail);
                return 0;
            }
            var item = detail.Item;
            context.Out.WriteLine($"{item.Id} ({item.UseCase}, prediction {item.PredictionId}): {item.State}, selected by {item.SelectedBy}, {item.Decisions} of {item.Overlap} decisions");
            context.Out.WriteLine($"answer: {Answer(item)}, confidence {item.Confidence ?? "-"}, model {item.ModelVersion ?? "-"}");
            context.Out.WriteLine($"inputs: {detail.Inputs.GetRawText()}");
            context.Out.WriteLine($"answer detail: {detail.Answer.GetRawText()}");
            foreach (var d in detail.Decisions)
            {
                context.Out.WriteLine($"decision {d.Id}: {d.Decision} by {d.Reviewer} at {d.At:u}{(d.Label is null ? "" : $", label {d.Label}")}{(d.Reason is null ? "" : $", reason {d.Reason}")}{(d.Corrects is null ? "" : $", corrects {d.Corrects}")}");
            }
            context.Out.WriteLine($"reason codes: {string.Join(", ", detail.Reasons)}");
            return 0;
        });
        return command;
    }

    internal static string Answer(ReviewItemView item) =>
        item.Label is { } label ? item.Score is { } score ? $"{label} ({score:0.###})" : label : item.Value is { } value ? $"{value:0.###}" : "-";
}
