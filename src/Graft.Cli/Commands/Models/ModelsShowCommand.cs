using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Graft.Registry;
using Spectre.Console;

namespace Graft.Cli.Commands.Models;

/// <summary><c>graft models show &lt;version&gt;</c>: a model version and its lineage.</summary>
public static class ModelsShowCommand
{
    public static Command Create()
    {
        var version = new Argument<string>("version") { Description = "A model version, e.g. churn-risk-v2" };
        var command = new Command("show", "Show a model version with its lineage and metrics.") { version };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var registry = new ModelRegistry(home);
            var v = await registry.GetAsync(parse.GetValue(version)!, cancellationToken);
            var (_, revision) = await new Graft.UseCases.UseCaseCatalog(home).GetAsync(v.UseCaseId, cancellationToken);
            var inputs = InputSummary.Of(await registry.CardAsync(v.Id, cancellationToken), revision.Spec());
            var metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(v.MetricsJson) ?? [];
            var datasets = v.Datasets();
            var tests = v.ModelTests();
            var lineage = new
            {
                version = v.Id, use_case = v.UseCaseId, number = v.Number, candidate = v.Candidate, trainer = v.Trainer,
                parameters = JsonSerializer.Deserialize<Dictionary<string, double>>(v.ParametersJson), seed = v.Seed,
                dataset = v.DatasetVersionId, dataset_sha256 = v.DatasetSha256, datasets, spec_revision = v.SpecRevision,
                run = v.TrainingRunId, split = JsonSerializer.Deserialize<JsonElement>(v.SplitJson), threshold = v.Threshold,
                metrics, artifact = v.ArtifactKey, artifact_sha256 = v.ArtifactSha256, created_at = v.CreatedAt,
                inputs = inputs.Select(i => new { field = i.Field, kind = i.Kind, required = i.Required, missing_share = i.MissingShare, min = i.Min, max = i.Max, categories = i.Categories }),
                model_tests = tests,
            };
            if (context.Json)
            {
                context.WriteJson(lineage);
                return 0;
            }
            var grid = new Grid().AddColumn().AddColumn();
            void Row(string key, string? value) => grid.AddRow($"[grey]{key}[/]", Markup.Escape(value ?? "-"));
            Row("version", v.Id);
            Row("use case", v.UseCaseId);
            Row("candidate", $"{v.Candidate} ({v.Trainer})");
            Row("parameters", v.ParametersJson);
            Row("seed", $"{v.Seed}");
            for (var i = 0; i < datasets.Count; i++) // several: the rows of each, one after the other
            {
                var d = datasets[i];
                Row(i > 0 ? "" : datasets.Count == 1 ? "dataset" : "datasets", $"{d.Id} (sha256 {d.Sha256}{(d.Rows is { } rows ? $", {rows:N0} rows" : "")})");
            }
            Row("spec revision", $"{v.SpecRevision}");
            Row("training run", v.TrainingRunId);
            Row("split", v.SplitJson);
            Row("threshold", v.Threshold?.ToString("0.####", CultureInfo.InvariantCulture));
            Row("artifact", $"{v.ArtifactKey} (sha256 {v.ArtifactSha256[..16]}…)");
            Row("created", $"{v.CreatedAt:u}");
            foreach (var (name, value) in metrics)
            {
                Row(name, value.ToString("0.####", CultureInfo.InvariantCulture));
            }
            context.Out.Write(grid);
            context.Out.Write(InputTable(inputs));
            if (tests is not null)
            {
                Commands.ModelTests.ModelTestSummary.Write(context, v.Id, tests);
            }
            return 0;
        });
        return command;
    }

    /// <summary>Each input: required or optional, how often training saw it missing, and what the model knows of it.</summary>
    private static Table InputTable(IReadOnlyList<InputSummary> inputs)
    {
        var table = new Table().AddColumns("input", "kind", "required", "missing in training", "seen");
        foreach (var i in inputs)
        {
            var seen = i.Categories is { } n ? $"{n:N0} categories" : i.Min is { } min ? string.Create(CultureInfo.InvariantCulture, $"{min:G6} to {i.Max:G6}") : "";
            table.AddRow(Markup.Escape(i.Field), i.Kind, i.Required ? "required" : "optional",
                i.MissingShare is { } share ? share.ToString("P1", CultureInfo.InvariantCulture) : "", Markup.Escape(seen));
        }
        return table;
    }
}
