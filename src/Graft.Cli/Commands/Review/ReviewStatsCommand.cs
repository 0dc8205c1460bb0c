using System.CommandLine;
using System.Globalization;
using Graft.Governance;
using Graft.Review;
using Spectre.Console;

namespace Graft.Cli.Commands.Review;

/// <summary>
/// <c>graft review stats &lt;usecase&gt; [--window 7d]</c>: review rate, override rate (and by reason code), agreement with
/// the model and between reviewers, time to decision; <c>--json</c> prints <c>{review_rate, override_rate, overrides_by_reason,
/// model_agreement, reviewer_kappa, quality: {rows, …}, …}</c>.
/// </summary>
public static class ReviewStatsCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var window = new Option<string?>("--window") { Description = "Over the last 30m, 2h, 7d… (default: everything recorded)" };
        var command = new Command("stats", "How review is going: review and override rates, agreement with the model and between reviewers.") { useCase, window };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            TimeSpan? span = null;
            if (parse.GetValue(window) is { } text && (span = RetentionPolicy.ParseDuration(text)) is null)
            {
                throw GraftException.Invalid($"--window '{text}' is not a duration: write minutes as 30m, hours as 2h or days as 7d");
            }
            var home = await context.HomeAsync(cancellationToken);
            var stats = await ReviewStats.ReadAsync(home, parse.GetValue(useCase)!, span, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(stats);
                return 0;
            }
            static string Share(double? v) => v is { } x ? x.ToString("P1", CultureInfo.InvariantCulture) : "-";
            context.Out.WriteLine($"{stats.UseCase}{(stats.Since is { } s ? $" since {s:u}" : "")}: {stats.Items} item(s) for {stats.ModelAnswers} model answer(s), {stats.Decisions} decision(s)");
            var table = new Table().Border(TableBorder.Simple).AddColumns("review rate", "override rate", "model agreement", "reviewer kappa", "median time to decide");
            table.AddRow(Share(stats.ReviewRate), Share(stats.OverrideRate), Share(stats.ModelAgreement),
                stats.ReviewerKappa is { } k ? k.ToString("0.000", CultureInfo.InvariantCulture) : "-",
                stats.MedianSecondsToDecide is { } t ? TimeSpan.FromSeconds(Math.Round(t)).ToString() : "-");
            context.Out.Write(table);
            foreach (var (reason, count) in stats.OverridesByReason)
            {
                context.Out.WriteLine($"overrides for {reason}: {count}");
            }
            WriteQuality(context, stats.QualityByVersion.Count > 0 ? stats.QualityByVersion : [stats.Quality]);
            return 0;
        });
        return command;
    }

    /// <summary>Each version's live metric beside its training value: the row count, the interval, and whether it is the one the spec gates on.</summary>
    private static void WriteQuality(CliContext context, IReadOnlyList<Graft.Feedback.LiveQuality> qualities)
    {
        static string Number(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";
        var table = new Table().Border(TableBorder.Simple).AddColumns("model", "outcomes joined", $"live {qualities[0].Metric}", "95% interval", "at training");
        foreach (var q in qualities)
        {
            table.AddRow(q.ModelVersion ?? "-", q.Rows.ToString("N0", CultureInfo.InvariantCulture), Number(q.Value),
                q.Interval is { } i ? $"{Number(i.Low)} – {Number(i.High)}" : "-", Number(q.Training));
        }
        context.Out.Write(table);
    }
}
