using Graft.Data;
using Graft.Serving;
using Graft.Training;
using Graft.UseCases;

namespace Graft.ModelTests;

/// <summary>A served model's answers to a frame's rows in <see cref="ScoreReader"/>'s layout, through the scorer <c>graft serve</c> uses.</summary>
public static class ModelScores
{
    public static double[] Of(LoadedModel model, LabelEncoding labels, Frame rows)
    {
        var outputs = model.Score(InputColumns.From(model.Card, rows), explain: false);
        switch (labels.Task)
        {
            case TaskKind.Multiclass:
                var k = labels.Classes.Count;
                var scores = new double[outputs.Count * k];
                for (var i = 0; i < outputs.Count; i++)
                {
                    for (var c = 0; c < k; c++)
                    {
                        scores[i * k + c] = outputs[i].ClassScores?.GetValueOrDefault(labels.Classes[c]) ?? 0;
                    }
                }
                return scores;
            case TaskKind.Binary:
                return [.. outputs.Select(o => o.Score ?? double.NaN)];
            default:
                return [.. outputs.Select(o => o.Value ?? double.NaN)];
        }
    }
}
