using Graft.Data;
using Graft.Training;
using Graft.UseCases;
using Microsoft.ML.Data;

namespace Graft.Serving;

/// <summary>
/// Scores a whole table at once through ML.NET's vectorised path (the same model, the same featurizer), for
/// files and batch requests. Fields the table lacks are missing values.
/// </summary>
public static class BatchScorer
{
    public static BatchOutput Score(LoadedModel model, Frame frame)
    {
        var card = model.Card;
        var columns = new List<(string, DataViewType, Array)>(card.Inputs.Count);
        foreach (var input in card.Inputs)
        {
            var source = frame.Contains(input.Field) ? frame.Column(input.Field) : new string?[frame.RowCount];
            if (input.Kind == InputKind.Numeric)
            {
                var numbers = new float[source.Length];
                for (var r = 0; r < numbers.Length; r++)
                {
                    numbers[r] = (float)TrainingTable.NumberOf(source[r], input.Type);
                }
                columns.Add((input.Column, NumberDataViewType.Single, numbers));
            }
            else
            {
                columns.Add((input.Column, TextDataViewType.Instance, source));
            }
        }
        var scores = ScoreReader.Read(model.Transformer.Transform(new ColumnarDataView(columns)), card.Task, card.Classes.Count);
        return Decide(card, scores, frame.RowCount);
    }

    /// <summary>
    /// Scores request rows (field → value) in one pass, answering as single-row scoring would, explanations
    /// included when asked (binary and regression models).
    /// </summary>
    public static List<ModelOutput> Score(LoadedModel model, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, bool explain)
    {
        var card = model.Card;
        var columns = new List<(string, DataViewType, Array)>(card.Inputs.Count);
        foreach (var input in card.Inputs)
        {
            if (input.Kind == InputKind.Numeric)
            {
                var numbers = new float[rows.Count];
                for (var r = 0; r < numbers.Length; r++)
                {
                    numbers[r] = InputValues.Number(rows[r].GetValueOrDefault(input.Field), input.Type);
                }
                columns.Add((input.Column, NumberDataViewType.Single, numbers));
            }
            else
            {
                var text = new string?[rows.Count];
                for (var r = 0; r < text.Length; r++)
                {
                    text[r] = InputValues.Text(rows[r].GetValueOrDefault(input.Field));
                }
                columns.Add((input.Column, TextDataViewType.Instance, text));
            }
        }
        var scored = model.Transformer.Transform(new ColumnarDataView(columns));
        var scores = ScoreReader.Read(scored, card.Task, card.Classes.Count);
        var decided = Decide(card, scores, rows.Count);
        var explanations = explain && card.Explains ? ReadExplanations(card, scored, rows.Count) : null;
        var outputs = new List<ModelOutput>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var explanation = explanations?[r] ?? [];
            outputs.Add(card.Task switch
            {
                TaskKind.Binary => new ModelOutput(decided.Labels![r], decided.Scores![r], null, null, explanation),
                TaskKind.Multiclass => new ModelOutput(decided.Labels![r], decided.Scores![r],
                    card.Classes.Select((c, k) => (c, k)).ToDictionary(x => x.c, x => scores[(r * card.Classes.Count) + x.k], StringComparer.Ordinal), null, []),
                _ => new ModelOutput(null, null, null, decided.Values![r], explanation),
            });
        }
        return outputs;
    }

    private static List<Contribution>[] ReadExplanations(Registry.ModelCard card, Microsoft.ML.IDataView scored, int rows)
    {
        var column = scored.Schema[Explainer.Column];
        var result = new List<Contribution>[rows];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        for (var r = 0; r < rows && cursor.MoveNext(); r++)
        {
            getter(ref buffer);
            result[r] = Explanations.FromSlots(card, buffer);
        }
        return result;
    }

    private static BatchOutput Decide(Registry.ModelCard card, double[] scores, int rows)
    {
        if (card.Task == TaskKind.Regression)
        {
            return new BatchOutput(null, null, scores);
        }
        var labels = new string?[rows];
        var top = new double[rows];
        if (card.Task == TaskKind.Binary)
        {
            for (var r = 0; r < rows; r++)
            {
                top[r] = scores[r];
                labels[r] = scores[r] >= (card.Threshold ?? 0.5) ? card.Positive : card.Classes[0];
            }
            return new BatchOutput(labels, top, null);
        }
        var k = card.Classes.Count;
        for (var r = 0; r < rows; r++)
        {
            var row = scores.AsSpan(r * k, k);
            var best = 0;
            for (var c = 1; c < k; c++)
            {
                best = row[c] > row[best] ? c : best;
            }
            labels[r] = card.Classes[best];
            top[r] = row[best];
        }
        return new BatchOutput(labels, top, null);
    }
}

/// <summary>Per row: the label and its score (classifiers), or the value (regression).</summary>
public sealed record BatchOutput(string?[]? Labels, double[]? Scores, double[]? Values);
