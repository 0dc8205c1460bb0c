using Graft.UseCases;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Graft.Training;

/// <summary>
/// Reads a scored data view back as plain numbers: the positive-class probability (binary), the class
/// probabilities row by row (multiclass, n × k), or the predicted value (regression).
/// </summary>
public static class ScoreReader
{
    public static double[] Read(IDataView scored, TaskKind task, int classCount)
    {
        var column = task == TaskKind.Binary ? "Probability" : "Score";
        var schemaColumn = scored.Schema[column];
        var result = new List<double>();
        using var cursor = scored.GetRowCursor([schemaColumn]);
        if (task == TaskKind.Multiclass)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(schemaColumn);
            var buffer = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                var dense = buffer.DenseValues().GetEnumerator();
                for (var k = 0; k < classCount; k++)
                {
                    result.Add(dense.MoveNext() ? dense.Current : 0);
                }
            }
            return [.. result];
        }
        var single = cursor.GetGetter<float>(schemaColumn);
        var value = 0f;
        while (cursor.MoveNext())
        {
            single(ref value);
            result.Add(value);
        }
        return [.. result];
    }
}
