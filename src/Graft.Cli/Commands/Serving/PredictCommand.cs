using System.CommandLine;
using System.Globalization;
using Graft.Audit;
using Graft.Data;
using Graft.Serving;
using Graft.UseCases;
using nietras.SeparatedValues;
using Spectre.Console;

namespace Graft.Cli.Commands.Serving;

/// <summary>
/// <c>graft predict --usecase &lt;id&gt; &lt;in.csv&gt; -o &lt;out.csv&gt;</c>: scores a file with the use case's champion
/// (or a given version) and writes the same columns plus the prediction columns.
/// </summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var useCase = new Option<string>("--usecase") { Description = "The use case whose model scores the file", Required = true };
        var input = new Argument<string>("file") { Description = "A delimited file with the model's input fields" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the scored file", Required = true };
        var version = new Option<string?>("--model") { Description = "Model version to use, e.g. churn-risk-v2 (default: the champion)" };
        var server = new Option<string?>("--server") { Description = "Score through a running graft serve at this address instead of in process" };
        var key = new Option<string?>("--key") { Description = "API key for --server (default: $GRAFT_KEY)" };
        var command = new Command("predict", "Score a file with a use case's model, in process or through a server.") { useCase, input, output, version, server, key };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            if (parse.GetValue(server) is { } address)
            {
                return await RemoteAsync(context, address, parse.GetValue(key) ?? Environment.GetEnvironmentVariable("GRAFT_KEY"),
                    parse.GetValue(useCase)!, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(version), cancellationToken);
            }
            var home = await context.HomeAsync(cancellationToken);
            var (u, revision) = await new UseCaseCatalog(home).GetAsync(parse.GetValue(useCase)!, cancellationToken);
            var chosen = parse.GetValue(version) ?? u.ChampionVersion
                ?? throw GraftException.Invalid($"use case '{u.Id}' has no champion yet; pass --model <version>, or promote one (graft models promote <version>)");
            var path = parse.GetValue(input)!;
            var frame = await DelimitedFile.ReadFileAsync(path, cancellationToken);
            var model = await LoadedModel.LoadAsync(home, chosen, cancellationToken);
            if (model.Card.UseCase != u.Id)
            {
                throw GraftException.Invalid($"{chosen} belongs to use case '{model.Card.UseCase}', not '{u.Id}'");
            }
            var spec = revision.Spec();
            CheckInputColumns(context, model.Card, spec, Path.GetFileName(path), frame);
            context.Note($"scoring {Wording.Rows(frame.RowCount)} with {chosen}");
            var rule = spec.Rule is null || spec.Fallback == "none" ? null : new RuleFallback(spec, await new DatasetCatalog(home).LatestFieldsAsync(u.Id, cancellationToken));
            var (scored, answeredBy) = BatchScorer.ScoreAsServed(model, frame, spec, rule);
            var target = parse.GetValue(output)!;
            WriteRows(frame, scored, answeredBy, target);
            if (context.Json)
            {
                context.WriteJson(new { version = chosen, rows = frame.RowCount, output = Path.GetFullPath(target) });
            }
            else
            {
                context.Out.WriteLine(Path.GetFullPath(target));
            }
            return 0;
        });
        return command;
    }

    private static async Task<int> RemoteAsync(CliContext context, string address, string? key, string useCase, string path, string target, string? model, CancellationToken cancellationToken)
    {
        if (model is not null)
        {
            throw GraftException.Invalid("--model works in process only; the server scores with the champion");
        }
        if (string.IsNullOrWhiteSpace(key))
        {
            throw GraftException.Invalid("--server needs a key: --key or $GRAFT_KEY");
        }
        if (!Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw GraftException.Invalid($"--server '{address}' is not an http(s) address");
        }
        var frame = await DelimitedFile.ReadFileAsync(path, cancellationToken);
        context.Note($"scoring {Wording.Rows(frame.RowCount)} through {uri}");
        List<PredictionResponse> answers;
        var scorer = new RemoteScorer(uri, key);
        try
        {
            answers = await scorer.ScoreAsync(useCase, frame, null, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw GraftException.Invalid($"cannot reach {uri}: {e.Message}");
        }
        if (scorer.LeftOut.Count > 0)
        {
            context.Note($"columns that are not fields of {useCase}, not sent: {string.Join(", ", scorer.LeftOut.Select(c => c.Value.Length > 0 ? $"{c.Key} ({c.Value})" : c.Key))}");
        }
        var scored = answers[0].Value is not null || (answers[0].Label is null && answers[0].Score is null)
            ? new BatchOutput(null, null, [.. answers.Select(a => a.Value ?? double.NaN)])
            : new BatchOutput([.. answers.Select(a => a.Label)], [.. answers.Select(a => a.Score ?? double.NaN)], null);
        WriteRows(frame, scored, answers.Select(a => a.ModelVersion ?? $"rule ({a.FallbackReason})").ToArray(), target);
        if (context.Json)
        {
            context.WriteJson(new { server = uri.ToString(), rows = frame.RowCount, output = Path.GetFullPath(target) });
        }
        else
        {
            context.Out.WriteLine(Path.GetFullPath(target));
        }
        return 0;
    }

    /// <summary>
    /// A file with none of the model's input fields is refused: every row would be scored on missing values alone,
    /// which is almost always the wrong file or a header in another spelling. Input fields the file lacks are named:
    /// required ones leave every row to the rule, optional ones the model reads as missing.
    /// </summary>
    private static void CheckInputColumns(CliContext context, Registry.ModelCard card, UseCaseSpec spec, string file, Frame frame)
    {
        var missing = card.Inputs.Select(i => i.Field).Where(f => !frame.Contains(f)).ToList();
        if (missing.Count == card.Inputs.Count)
        {
            throw GraftException.Invalid($"{file} has none of {card.Version}'s input fields ({Wording.Names(missing)}); its columns are {Wording.Names(frame.Names)}");
        }
        var required = InputExpectations.For(spec, card).Required.Where(f => !frame.Contains(f)).ToList();
        if (required.Count > 0)
        {
            context.Note($"{file} lacks {Wording.Names(required)}, which {card.Version} requires: the rule answers every row");
        }
        var optional = missing.Except(required).ToList();
        if (optional.Count > 0)
        {
            context.Note($"{optional.Count} of {card.Version}'s {card.Inputs.Count} input fields are not in {file} and are scored as missing: {Wording.Names(optional)}");
        }
    }


    /// <summary>Writes to a temporary file first, so a failed run never leaves half an output file.</summary>
    private static void WriteRows(Frame frame, BatchOutput scored, string[] versions, string path)
    {
        var temporary = path + ".partial";
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).ToFile(temporary))
        {
            for (var r = 0; r < frame.RowCount; r++)
            {
                using var row = writer.NewRow();
                for (var c = 0; c < frame.ColumnCount; c++)
                {
                    row[frame.Names[c]].Set(frame.Column(c)[r] ?? "");
                }
                if (scored.Values is { } values)
                {
                    row["prediction"].Set(values[r].ToString("R", CultureInfo.InvariantCulture));
                }
                else
                {
                    row["prediction"].Set(scored.Labels![r] ?? "");
                    row["prediction_score"].Set(scored.Scores![r].ToString("0.######", CultureInfo.InvariantCulture));
                }
                row["model_version"].Set(versions[r]);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}
