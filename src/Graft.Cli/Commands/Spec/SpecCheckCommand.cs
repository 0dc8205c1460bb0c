using System.CommandLine;
using Graft.Data;
using Graft.UseCases;
using Spectre.Console;

namespace Graft.Cli.Commands.Spec;

/// <summary><c>graft spec check &lt;file&gt; [--data file]</c>: validates a spec, optionally against a data file.</summary>
public static class SpecCheckCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The spec file (YAML)" };
        var data = new Option<string?>("--data") { Description = "A delimited file to check the spec's fields and rule against" };
        var command = new Command("check", "Validate a spec file; errors name the line and the key.") { file, data };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw GraftException.NotFound($"no file {path}");
            }
            var errors = new List<SpecError>();
            UseCaseSpec? spec = null;
            try
            {
                spec = SpecReader.Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
            }
            catch (SpecException e)
            {
                errors.AddRange(e.Errors);
            }
            if (spec is not null && parse.GetValue(data) is { } dataPath)
            {
                var frame = await DelimitedFile.ReadFileAsync(dataPath, cancellationToken);
                errors.AddRange(SpecDataCheck.Check(spec, frame));
            }
            if (context.Json)
            {
                context.WriteJson(new { file = path, valid = errors.Count == 0, errors = errors.Select(e => new { line = e.Line, key = e.Key, message = e.Message }) });
            }
            else if (errors.Count == 0)
            {
                context.Out.WriteLine($"{path}: valid ({spec!.Id}, {spec.Task.ToString().ToLowerInvariant()}, metric {spec.Metric})");
            }
            foreach (var error in errors.Where(_ => !context.Json))
            {
                Console.Error.WriteLine($"{path}: {error}");
            }
            return errors.Count == 0 ? 0 : 2;
        });
        return command;
    }
}
