using Graft.Registry;
using Microsoft.ML.Data;

namespace Graft.Serving;

/// <summary>
/// Turns a model's per-slot feature contributions into the top fields, by summing the slots each field owns, in
/// the answer's units (<see cref="ExplanationScale"/>), with what the other fields add together, so the listed
/// contributions, the rest and the base add up to the answer. One per scoring session: it keeps the slot-to-field
/// map and the sums between rows, so explaining a row allocates only the answer.
/// </summary>
internal sealed class Explanations
{
    private const int Top = 5;

    private readonly string[] _fields;
    private readonly int[] _fieldOfSlot;
    private readonly double[] _sums;
    private readonly float[]? _weights;
    private readonly ExplanationScale? _scale;

    // linearWeights: a linear model's weights, for FromFeatures. scale: null when the contributions do not add up
    // to the score (ML.NET's own calculation), so the answer has no base to give.
    public Explanations(ModelCard card, float[]? linearWeights, ExplanationScale? scale)
    {
        _weights = linearWeights;
        _scale = scale;
        _fields = [.. card.Features.Select(f => f.Field).Distinct(StringComparer.Ordinal)];
        var index = _fields.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
        _fieldOfSlot = new int[card.Features.Count == 0 ? 0 : card.Features.Max(f => f.Start + f.Length)];
        Array.Fill(_fieldOfSlot, -1);
        foreach (var range in card.Features)
        {
            Array.Fill(_fieldOfSlot, index[range.Field], range.Start, range.Length);
        }
        _sums = new double[_fields.Length];
    }

    /// <summary>From per-slot contributions, as ML.NET's contribution calculation gives them.</summary>
    public Explained FromContributions(in VBuffer<float> contributions) => Sum(contributions, null);

    /// <summary>From a linear model's feature values: each slot contributes its weight times its value.</summary>
    public Explained FromFeatures(in VBuffer<float> features) => Sum(features, _weights);

    /// <summary>From a tree model's own contributions for a compact row, summed by field as they are found, with its score.</summary>
    public Explained FromTrees(TreeEnsembleScorer trees, ReadOnlySpan<float> row, out double score)
    {
        Array.Clear(_sums);
        score = trees.Score(row, _sums, _fieldOfSlot);
        return TopFields();
    }

    private Explained Sum(in VBuffer<float> slots, float[]? weights)
    {
        Array.Clear(_sums);
        var values = slots.GetValues();
        var indices = slots.IsDense ? default : slots.GetIndices();
        for (var k = 0; k < values.Length; k++)
        {
            var slot = slots.IsDense ? k : indices[k];
            var value = weights is null ? values[k] : slot < weights.Length ? weights[slot] * values[k] : 0;
            if (value != 0 && slot < _fieldOfSlot.Length && _fieldOfSlot[slot] is var field and >= 0)
            {
                _sums[field] += value;
            }
        }
        return TopFields();
    }

    private Explained TopFields()
    {
        var factor = _scale?.Factor ?? 1;
        var listed = 0;
        foreach (var sum in _sums)
        {
            listed += sum != 0 ? 1 : 0;
        }
        var top = new Contribution[Math.Min(Top, listed)]; // every answer makes one: sized, not grown
        for (var n = 0; n < top.Length; n++)
        {
            var best = -1;
            for (var f = 0; f < _sums.Length; f++)
            {
                if (_sums[f] != 0 && (best < 0 || Math.Abs(_sums[f]) > Math.Abs(_sums[best])))
                {
                    best = f;
                }
            }
            top[n] = new Contribution(_fields[best], Math.Round(factor * _sums[best], 6));
            _sums[best] = 0;
        }
        double other = 0;
        foreach (var rest in _sums)
        {
            other += rest;
        }
        return new Explained(top, _scale is null ? null : Math.Round(factor * other, 6), _scale is null ? null : Math.Round(_scale.Base, 6));
    }
}

/// <summary>A row's top fields, what the other fields add together, and the base they start from (null when they do not add up).</summary>
internal sealed record Explained(IReadOnlyList<Contribution> Top, double? Other, double? Base);
