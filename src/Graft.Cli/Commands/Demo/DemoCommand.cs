using System.CommandLine;
using System.Globalization;
using Graft.Audit;
using Graft.Cli.Commands.Audit;
using Graft.Cli.Commands.Training;
using Graft.Data;
using Graft.Data.Demo;
using Graft.Training;
using Graft.UseCases;
using Spectre.Console;

namespace Graft.Cli.Commands.Demo;

/// <summary>
/// <c>graft demo</c>: Graft's first job end to end on data it generates itself: a churn dataset with the flaws
/// real exports have, audited, trained and compared with the rule, and registered, in a local store.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "How many customers to generate", DefaultValueFactory = _ => 5000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated data", DefaultValueFactory = _ => 42 };
        var folder = new Option<string>("--dir") { Description = "Where to write the demo's data, spec and reports", DefaultValueFactory = _ => "graft-demo" };
        var noServe = new Option<bool>("--no-serve") { Description = "Stop after the report instead of serving the use case until Ctrl+C" };
        var urls = new Option<string>("--urls") { Description = "Where to serve", DefaultValueFactory = _ => Serving.ServeCommand.DefaultUrls };
        var command = new Command("demo", "Run the whole first job on a generated churn dataset: audit, train, compare, register, then serve it.") { rows, seed, folder, noServe, urls };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var count = parse.GetValue(rows);
            if (count is < 200 or > 2_000_000)
            {
                throw GraftException.Invalid("--rows must be between 200 and 2,000,000");
            }
            if (!parse.GetValue(noServe))
            {
                Serving.ServeCommand.CheckUrls(parse.GetValue(urls)!); // now, not after the whole demo has run
            }
            var dir = Directory.CreateDirectory(parse.GetValue(folder)!).FullName;
            var dataPath = Path.Combine(dir, "customers.csv");
            var specPath = Path.Combine(dir, "churn-risk.yaml");
            await using (var writer = new StreamWriter(dataPath))
            {
                ChurnDemoData.Write(writer, count, parse.GetValue(seed));
            }
            await File.WriteAllTextAsync(specPath, ChurnDemoData.SpecYaml, cancellationToken);
            Step(context, 1, $"generated {count:N0} customers in {dataPath}");

            var home = await context.HomeAsync(cancellationToken);
            var applied = await new UseCaseCatalog(home).ApplyAsync(ChurnDemoData.SpecYaml, specPath, context.Operator, cancellationToken);
            Step(context, 2, $"use case {applied.UseCaseId}: {applied.Outcome.ToString().ToLowerInvariant()} (revision {applied.Revision}), store {home.Root}");

            var import = await new DatasetCatalog(home).ImportAsync(applied.UseCaseId, dataPath, context.Operator, cancellationToken);
            var frame = import.Frame ?? await new DatasetCatalog(home).LoadAsync(import.Version, cancellationToken);
            Step(context, 3, $"imported dataset version {import.Version.Id} ({import.Version.Rows:N0} rows)");

            var spec = SpecReader.Parse(ChurnDemoData.SpecYaml, specPath);
            var report = await new DatasetAudits(home).RunAsync(spec, applied.Revision, import.Version.Id, frame, cancellationToken); // training reuses it
            var stem = Path.Combine(dir, $"audit-{import.Version.Id}");
            await File.WriteAllTextAsync(stem + ".json", AuditReportJson.Write(report), cancellationToken);
            await File.WriteAllTextAsync(stem + ".html", AuditReportHtml.Write(report), cancellationToken);
            Step(context, 4, $"audited: {report.Findings.Count} findings, {report.Blocking} blocking; report {stem}.html");
            if (!context.Json)
            {
                AuditText.Write(context, report);
            }

            var result = await Progress.RunAsync(context, "training", progress =>
                new TrainingRunner(home).RunAsync(new TrainingRequest(applied.UseCaseId, [import.Version.Id]), context.Operator, progress, cancellationToken));
            Step(context, 5, $"trained {result.Candidates.Count - 1} model candidates against the rule");
            if (context.Json)
            {
                context.WriteJson(new { use_case = applied.UseCaseId, dataset = import.Version.Id, store = home.Root, audit = stem + ".json", training = result });
            }
            else
            {
                ComparisonTable.Write(context, result);
                context.Out.WriteLine();
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Next: graft models list {applied.UseCaseId} --data-dir {home.Root}"));
                context.Out.WriteLine($"      graft brief {applied.UseCaseId} --data-dir {home.Root}");
                context.Out.WriteLine($"      graft status {applied.UseCaseId} --data-dir {home.Root}    (the rollout's gates and readiness)");
                if (result.Champion is { } champion)
                {
                    var card = await new Graft.Registry.ModelRegistry(home).CardAsync(champion, cancellationToken);
                    // Plain writes: a console that wraps long lines would break the command for copy and paste.
                    if (parse.GetValue(noServe))
                    {
                        context.Stdout.WriteLine($"      graft serve --data-dir {home.Root}    (prints an admin key on first start; export it as GRAFT_KEY)");
                    }
                    context.Stdout.WriteLine(CurlExample.For(applied.UseCaseId, card, frame, parse.GetValue(urls)!, spec.Entity));
                }
            }
            if (!parse.GetValue(noServe))
            {
                Step(context, 6, $"serving on {parse.GetValue(urls)} until Ctrl+C; export the admin key printed below as GRAFT_KEY, then paste the curl above");
                await Serving.ServeCommand.RunAsync(context, home, parse.GetValue(urls)!, cancellationToken);
            }
            return 0;
        });
        return command;
    }

    private static void Step(CliContext context, int number, string message) =>
        context.Err.MarkupLineInterpolated($"[bold]{number}.[/] {message}");
}
