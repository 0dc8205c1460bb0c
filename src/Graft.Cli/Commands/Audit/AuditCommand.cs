using System.CommandLine;
using Graft.Audit;
using Graft.Data;
using Graft.UseCases;

namespace Graft.Cli.Commands.Audit;

/// <summary>
/// <c>graft audit &lt;dataset-version-or-file&gt; --spec &lt;file&gt;</c>: audits data before anyone promises accuracy.
/// Prints a readable report and writes it as JSON and as a self-contained HTML page with plots.
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("dataset") { Description = "A dataset version (ds-…) or a delimited file" };
        var spec = new Option<string?>("--spec") { Description = "The spec file to audit against" };
        var useCase = new Option<string?>("--usecase") { Description = "Audit against a registered use case's current spec instead of a file" };
        var output = new Option<string?>("--out") { Description = "Folder for the JSON and HTML reports (default: the store's reports folder)" };
        var strict = new Option<bool>("--strict") { Description = "Exit with code 5 when blocking findings are unresolved" };
        var command = new Command("audit", "Audit a dataset: completeness, types, duplicates, label quality, leakage, sensitive fields.")
        {
            source, spec, useCase, output, strict,
        };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var (frame, name, version) = await LoadAsync(context, parse.GetValue(source)!, cancellationToken);
            var (useCaseSpec, revision) = await SpecAsync(context, parse.GetValue(spec), parse.GetValue(useCase), cancellationToken);
            var report = version is not null && revision is not null
                ? await new DatasetAudits(await context.HomeAsync(cancellationToken)).RunAsync(useCaseSpec, revision.Value, version.Id, frame, cancellationToken)
                : DatasetAudits.Unrecorded(useCaseSpec, frame, name); // a file, or a stored version against a spec file: reported, not recorded
            var json = AuditReportJson.Write(report);
            var folder = parse.GetValue(output) ?? Path.Combine(context.Root, "reports"); // not the current folder, where reports were left lying about
            Directory.CreateDirectory(folder);
            var stem = Path.Combine(folder, $"audit-{Path.GetFileNameWithoutExtension(version?.Id ?? name)}");
            await File.WriteAllTextAsync(stem + ".json", json, cancellationToken);
            await File.WriteAllTextAsync(stem + ".html", AuditReportHtml.Write(report), cancellationToken);
            if (context.Json)
            {
                Console.Out.WriteLine(json);
            }
            else
            {
                AuditText.Write(context, report);
            }
            context.Note($"reports: {Path.GetFullPath(stem)}.html and .json");
            return parse.GetValue(strict) && report.Blocking > 0 ? 5 : 0;
        });
        return command;
    }

    private static async Task<(Frame Frame, string Name, DatasetVersion? Version)> LoadAsync(CliContext context, string source, CancellationToken cancellationToken)
    {
        if (File.Exists(source) || !source.StartsWith("ds-", StringComparison.Ordinal))
        {
            var name = Path.GetFileName(source);
            return (await DelimitedFile.ReadFileAsync(source, cancellationToken), name, null);
        }
        var datasets = new DatasetCatalog(await context.HomeAsync(cancellationToken));
        var version = await datasets.FindAsync(source, cancellationToken);
        return (await datasets.LoadAsync(version, cancellationToken), version.SourceName, version);
    }

    private static async Task<(UseCaseSpec Spec, int? Revision)> SpecAsync(CliContext context, string? file, string? useCase, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw GraftException.NotFound($"no file {file}");
            }
            var spec = SpecReader.Parse(await File.ReadAllTextAsync(file, cancellationToken), file);
            return (spec, null);
        }
        if (useCase is null)
        {
            throw GraftException.Invalid("say what to audit against: --spec <file> or --usecase <id>");
        }
        var (_, revision) = await new UseCaseCatalog(await context.HomeAsync(cancellationToken)).GetAsync(useCase, cancellationToken);
        return (revision.Spec(), revision.Revision);
    }
}
