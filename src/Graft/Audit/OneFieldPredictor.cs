using Graft.Data;

namespace Graft.Audit;

/// <summary>
/// A deliberately simple model that sees one field. Its values fall into buckets (about twenty quantile bins for
/// numbers, each distinct value for everything else, missing as a bucket of its own); each bucket predicts what the
/// training rows in it had. Buckets with fewer than <see cref="MinBucketRows"/> training rows predict the overall
/// prior, so an identifier, whose values are all new on held-out rows, predicts nothing.
/// </summary>
internal sealed class OneFieldPredictor
{
    public const int Bins = 20;
    public const int MinBucketRows = 5;

    private readonly FieldColumn _column;
    private readonly int[] _bucketByCode;
    private readonly int _missingBucket;

    public OneFieldPredictor(FieldColumn column)
    {
        _column = column;
        if (column.Type == FieldType.Number)
        {
            var edges = QuantileBins.Edges(column.Numbers, Bins);
            _missingBucket = edges.Length + 1;
            _bucketByCode = new int[column.Values.Length];
            for (var code = 0; code < _bucketByCode.Length; code++)
            {
                var v = column.NumberByCode[code];
                _bucketByCode[code] = double.IsFinite(v) ? QuantileBins.BinOf(edges, v) : _missingBucket;
            }
        }
        else
        {
            _missingBucket = column.Values.Length;
            _bucketByCode = [.. Enumerable.Range(0, column.Values.Length)];
        }
    }

    public int Buckets => _missingBucket + 1;

    public int Bucket(int row)
    {
        var code = _column.Codes[row];
        return code == FieldColumn.MissingCode ? _missingBucket : _bucketByCode[code];
    }

    /// <summary>Per held-out row, the share of positives among training rows in the same bucket.</summary>
    public double[] PositiveRates(TargetLabels labels, HalfSplit split)
    {
        var rows = new int[Buckets];
        var positives = new int[Buckets];
        var totalPositives = 0;
        foreach (var row in split.Train)
        {
            var b = Bucket(row);
            rows[b]++;
            if (labels.Class[row] == labels.Positive)
            {
                positives[b]++;
                totalPositives++;
            }
        }
        var prior = (double)totalPositives / split.Train.Length;
        var scores = new double[split.Test.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var b = Bucket(split.Test[i]);
            scores[i] = rows[b] >= MinBucketRows ? (double)positives[b] / rows[b] : prior;
        }
        return scores;
    }

    /// <summary>Per held-out row, the commonest class among training rows in the same bucket.</summary>
    public int[] Classes(TargetLabels labels, HalfSplit split, out int majority)
    {
        var classCount = labels.Column.Values.Length;
        var rows = new int[Buckets];
        foreach (var row in split.Train)
        {
            rows[Bucket(row)]++;
        }
        // Class counts only for buckets big enough to speak, so a unique-valued field costs no buckets x classes table.
        var dense = new int[Buckets];
        var used = 0;
        for (var b = 0; b < dense.Length; b++)
        {
            dense[b] = rows[b] >= MinBucketRows ? used++ : -1;
        }
        var counts = new int[(used + 1) * classCount];
        var overall = used * classCount;
        foreach (var row in split.Train)
        {
            var d = dense[Bucket(row)];
            counts[overall + labels.Class[row]]++;
            if (d >= 0)
            {
                counts[(d * classCount) + labels.Class[row]]++;
            }
        }
        majority = ArgMax(counts, overall, classCount);
        var predicted = new int[split.Test.Length];
        for (var i = 0; i < predicted.Length; i++)
        {
            var d = dense[Bucket(split.Test[i])];
            predicted[i] = d >= 0 ? ArgMax(counts, d * classCount, classCount) : majority;
        }
        return predicted;
    }

    /// <summary>Per held-out row, the mean target of training rows in the same bucket.</summary>
    public double[] Means(TargetLabels labels, HalfSplit split)
    {
        var rows = new int[Buckets];
        var sums = new double[Buckets];
        double total = 0;
        foreach (var row in split.Train)
        {
            var b = Bucket(row);
            rows[b]++;
            sums[b] += labels.Value[row];
            total += labels.Value[row];
        }
        var prior = total / split.Train.Length;
        var predicted = new double[split.Test.Length];
        for (var i = 0; i < predicted.Length; i++)
        {
            var b = Bucket(split.Test[i]);
            predicted[i] = rows[b] >= MinBucketRows ? sums[b] / rows[b] : prior;
        }
        return predicted;
    }

    private static int ArgMax(int[] counts, int start, int length)
    {
        var best = 0;
        for (var c = 1; c < length; c++)
        {
            if (counts[start + c] > counts[start + best])
            {
                best = c;
            }
        }
        return best;
    }
}
