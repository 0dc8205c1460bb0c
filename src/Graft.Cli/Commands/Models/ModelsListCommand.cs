using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Graft.Registry;
using Graft.UseCases;
using Spectre.Console;

namespace Graft.Cli.Commands.Models;

/// <summary><c>graft models list &lt;usecase&gt;</c>.</summary>
public static class ModelsListCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var command = new Command("list", "List a use case's model versions.") { useCase };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var (u, revision) = await new UseCaseCatalog(home).GetAsync(parse.GetValue(useCase)!, cancellationToken);
            var metric = revision.Spec().Metric;
            var versions = await new ModelRegistry(home).ListAsync(u.Id, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(versions.Select(v => new
                {
                    version = v.Id, candidate = v.Candidate, trainer = v.Trainer, dataset = v.DatasetVersionId, datasets = v.Datasets().Select(d => d.Id),
                    spec_revision = v.SpecRevision, run = v.TrainingRunId, champion = v.Id == u.ChampionVersion, created_at = v.CreatedAt,
                    metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(v.MetricsJson),
                }));
                return 0;
            }
            var table = new Table().AddColumns("version", "candidate", metric, "dataset", "spec", "run", "created", "");
            foreach (var v in versions)
            {
                var metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(v.MetricsJson) ?? [];
                table.AddRow(v.Id, v.Candidate, metrics.TryGetValue(metric, out var m) ? m.ToString("0.0000", CultureInfo.InvariantCulture) : "-",
                    string.Join(" + ", v.Datasets().Select(d => d.Id)), $"r{v.SpecRevision}", v.TrainingRunId, $"{v.CreatedAt:yyyy-MM-dd HH:mm}",
                    v.Id == u.ChampionVersion ? "[green]champion[/]" : "");
            }
            context.Out.Write(table);
            return 0;
        });
        return command;
    }
}
