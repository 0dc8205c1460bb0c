using Graft.Data;
using Graft.UseCases;

namespace Graft.Serving;

/// <summary>
/// Scores many rows with one model — a table read from a file, or the rows of a batch request — answering each
/// row exactly as single-row scoring would. Rows are converted to columns once, then scored one after another
/// through a pooled session (see <see cref="LoadedModel.Score(InputColumns, bool)"/>).
/// </summary>
public static class BatchScorer
{
    /// <summary>Scores a table; fields the table lacks are missing values. No explanations.</summary>
    public static BatchOutput Score(LoadedModel model, Frame frame)
    {
        var outputs = model.Score(InputColumns.From(model.Card, frame), explain: false);
        return model.Card.Task switch
        {
            UseCases.TaskKind.Regression => new BatchOutput(null, null, [.. outputs.Select(o => o.Value!.Value)]),
            _ => new BatchOutput([.. outputs.Select(o => o.Label)], [.. outputs.Select(o => o.Score!.Value)], null),
        };
    }

    /// <summary>
    /// Scores a table as the service answers its rows: a row that lacks a required input gets the rule's answer
    /// (answered by "rule (missing_inputs)", as <c>graft predict --server</c> shows it), never the model's. When the
    /// spec refuses such rows (<c>on_missing_inputs: reject</c>, or no rule), the table is refused, naming the first.
    /// </summary>
    public static (BatchOutput Output, string[] AnsweredBy) ScoreAsServed(LoadedModel model, Frame frame, UseCaseSpec spec, RuleFallback? rule)
    {
        var output = Score(model, frame);
        var answeredBy = Enumerable.Repeat(model.Version, frame.RowCount).ToArray();
        var required = InputExpectations.For(spec, model.Card).Required.ToList();
        var lacking = Enumerable.Range(0, frame.RowCount).Where(r => required.Any(f => !frame.Contains(f) || frame.Column(f)[r] is null)).ToList();
        if (lacking.Count == 0)
        {
            return (output, answeredBy);
        }
        if (rule is null || spec.OnMissingInputs == MissingInputPolicy.Reject)
        {
            var first = lacking[0];
            var fields = required.Where(f => !frame.Contains(f) || frame.Column(f)[first] is null);
            throw GraftException.Invalid($"{Audit.Wording.Rows(lacking.Count)} lack required inputs (row {first + 2} of the file lacks {Audit.Wording.Names([.. fields])}), " +
                $"and the spec {(rule is null ? "has no rule to answer them" : "refuses them (on_missing_inputs: reject)")}");
        }
        foreach (var r in lacking)
        {
            var inputs = frame.Names.ToDictionary(n => n, n => InputValue.Of(frame.Column(n)[r]), StringComparer.Ordinal);
            var answer = rule.Answer(inputs, model.Card);
            answeredBy[r] = $"rule ({FallbackReasons.MissingInputs})";
            if (output.Values is { } values)
            {
                values[r] = answer.Value ?? double.NaN;
            }
            else
            {
                output.Labels![r] = answer.Label;
                output.Scores![r] = answer.Score ?? double.NaN;
            }
        }
        return (output, answeredBy);
    }

    /// <summary>Scores request rows as parsed from JSON, without boxing each value; a single row without building columns.</summary>
    public static List<ModelOutput> Score(LoadedModel model, IReadOnlyList<IReadOnlyDictionary<string, InputValue>> rows, bool explain) =>
        rows.Count == 1 ? [model.Score(rows[0], explain)] : model.Score(InputColumns.From(model.Card, rows, InputValues.Number, InputValues.Text), explain);
}

/// <summary>Per row: the label and its score (classifiers), or the value (regression).</summary>
public sealed record BatchOutput(string?[]? Labels, double[]? Scores, double[]? Values);
