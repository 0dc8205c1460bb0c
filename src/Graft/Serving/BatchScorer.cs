using Graft.Data;

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

    /// <summary>Scores request rows as parsed from JSON, without boxing each value.</summary>
    public static List<ModelOutput> Score(LoadedModel model, IReadOnlyList<IReadOnlyDictionary<string, InputValue>> rows, bool explain) =>
        model.Score(InputColumns.From(model.Card, rows, InputValues.Number, InputValues.Text), explain);
}

/// <summary>Per row: the label and its score (classifiers), or the value (regression).</summary>
public sealed record BatchOutput(string?[]? Labels, double[]? Scores, double[]? Values);
