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
