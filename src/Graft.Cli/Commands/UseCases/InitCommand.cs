using System.CommandLine;
using Graft.UseCases;
using Spectre.Console;

namespace Graft.Cli.Commands.UseCases;

/// <summary><c>graft init &lt;usecase&gt;</c>: writes a commented spec file to start from.</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("usecase") { Description = "Id of the new use case, e.g. churn-risk" };
        var task = new Option<string>("--task") { Description = "binary, multiclass or regression", DefaultValueFactory = _ => "binary" };
        task.AcceptOnlyFromAmong("binary", "multiclass", "regression");
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the spec (default: <usecase>.yaml)" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file" };
        var command = new Command("init", "Write a commented spec file for a new use case.") { id, task, output, force };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var name = parse.GetValue(id)!;
            var kind = Enum.Parse<TaskKind>(parse.GetValue(task)!, ignoreCase: true);
            var yaml = SpecTemplate.Render(name, kind);
            SpecReader.Parse(yaml, "template"); // the template must itself be a valid spec, including the id given
            var path = parse.GetValue(output) ?? $"{name}.yaml";
            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw GraftException.Invalid($"{path} already exists; use --force to overwrite it");
            }
            await File.WriteAllTextAsync(path, yaml, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(new { path = Path.GetFullPath(path), use_case = name });
            }
            else
            {
                context.Out.WriteLine(Path.GetFullPath(path));
                context.Note($"next: edit it, then graft spec check {path}");
            }
            return 0;
        });
        return command;
    }
}
