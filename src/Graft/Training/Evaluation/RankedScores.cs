using System.Buffers;

namespace Graft.Training.Evaluation;

/// <summary>
/// Scores sorted once (O(n log n)) and walked as tie groups from the highest score down, shared by
/// ROC AUC, average precision and the best-F1 threshold. Buffers are pooled: a 1M-row evaluation
/// would otherwise put two large arrays on the large-object heap per call.
/// </summary>
internal sealed class RankedScores : IDisposable
{
    private readonly double[] _scores;
    private readonly bool[] _labels;

    public RankedScores(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        Count = labels.Length;
        _scores = ArrayPool<double>.Shared.Rent(Count);
        _labels = ArrayPool<bool>.Shared.Rent(Count);
        scores.CopyTo(_scores);
        labels.CopyTo(_labels);
        _scores.AsSpan(0, Count).Sort(_labels.AsSpan(0, Count));
        Positives = labels.Count(true);
    }

    public int Count { get; }

    public int Positives { get; }

    public int Negatives => Count - Positives;

    public TieEnumerator GetEnumerator() => new(_scores.AsSpan(0, Count), _labels.AsSpan(0, Count));

    public void Dispose()
    {
        ArrayPool<double>.Shared.Return(_scores);
        ArrayPool<bool>.Shared.Return(_labels);
    }

    /// <summary>Yields tie groups in descending score order.</summary>
    internal ref struct TieEnumerator(ReadOnlySpan<double> ascendingScores, ReadOnlySpan<bool> labels)
    {
        private readonly ReadOnlySpan<double> _scores = ascendingScores;
        private readonly ReadOnlySpan<bool> _labels = labels;
        private int _end = ascendingScores.Length;

        public ScoreTie Current { get; private set; }

        public bool MoveNext()
        {
            if (_end == 0)
            {
                return false;
            }

            var score = _scores[_end - 1];
            int positives = 0, negatives = 0;
            while (_end > 0 && _scores[_end - 1] == score)
            {
                _end--;
                if (_labels[_end]) positives++; else negatives++;
            }

            Current = new ScoreTie(score, positives, negatives);
            return true;
        }
    }
}
