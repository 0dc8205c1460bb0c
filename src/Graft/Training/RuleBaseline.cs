using Graft.Data;
using Graft.Training.Rules;
using Graft.UseCases;

namespace Graft.Training;

/// <summary>
/// The decision the app makes today, scored like a model. A binary rule's true/false becomes a score of 1/0
/// (a rule that yields a number in [0, 1] is taken as a score); a multiclass rule yields a class; a
/// regression rule a value. Without a rule, the baseline is the training data's prior: its positive rate,
/// class frequencies or mean.
/// </summary>
public sealed class RuleBaseline
{
    private readonly BoundRule? _rule;
    private readonly string[] _fields;
    private readonly FieldType[] _types;
    private readonly LabelEncoding _labels;
    private readonly double[] _prior;

    /// <param name="spec">The spec whose rule is scored.</param>
    /// <param name="schema">The data's fields, whose types the rule reads its values as (unless the spec types them).</param>
    /// <param name="labels">The labels' encoding.</param>
    /// <param name="priorLabels">The labels the prior is counted on when there is no rule: the training rows'.</param>
    public RuleBaseline(UseCaseSpec spec, IReadOnlyList<FieldSchema> schema, LabelEncoding labels, float[] priorLabels)
    {
        _labels = labels;
        Text = spec.Rule;
        _prior = Prior(labels, priorLabels);
        if (spec.Rule is null)
        {
            _fields = [];
            _types = [];
            return;
        }
        var rule = RuleExpression.Parse(spec.Rule);
        rule.Bind([.. schema.Select(f => f.Name)]);
        _fields = [.. rule.Fields];
        _types = [.. _fields.Select(f => spec.Policy(f)?.Type ?? schema.First(s => s.Name == f).Type)];
        _rule = rule.Compile(_fields);
    }

    public string? Text { get; }

    public string Name => Text is null ? "prior" : "rule";

    /// <summary>Scores every row of a frame (a changed copy of the test rows, say).</summary>
    public double[] Score(Frame frame) => Score(frame, [.. Enumerable.Range(0, frame.RowCount)]);

    /// <summary>Scores the given rows of a frame, in the layout <see cref="ScoreReader"/> uses for models.</summary>
    public double[] Score(Frame frame, IReadOnlyList<int> rows)
    {
        var k = _labels.Task == TaskKind.Multiclass ? _labels.Classes.Count : 1;
        var scores = new double[rows.Count * k];
        var columns = _fields.Select(frame.Column).ToArray();
        var values = new object?[_fields.Length];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var f = 0; f < columns.Length; f++)
            {
                values[f] = RuleValue.FromText(columns[f][rows[i]], _types[f]);
            }
            var result = _rule?.Evaluate(values);
            Write(result, scores.AsSpan(i * k, k));
        }
        return scores;
    }

    private void Write(object? result, Span<double> target)
    {
        if (_rule is null)
        {
            _prior.CopyTo(target);
            return;
        }
        switch (_labels.Task)
        {
            case TaskKind.Binary:
                target[0] = RuleValue.BinaryScore(result);
                break;
            case TaskKind.Multiclass:
                var index = RuleValue.AsText(result) is { } label ? _labels.IndexOf(label) : -1;
                if (index < 0)
                {
                    _prior.CopyTo(target); // a class the data never had: fall back to the prior rather than a certain miss
                }
                else
                {
                    target[index] = 1;
                }
                break;
            default:
                target[0] = RuleValue.AsNumber(result) ?? _prior[0];
                break;
        }
    }

    private static double[] Prior(LabelEncoding labels, float[] training)
    {
        switch (labels.Task)
        {
            case TaskKind.Binary:
                return [training.Average(l => (double)l)];
            case TaskKind.Multiclass:
                var counts = new double[labels.Classes.Count];
                foreach (var l in training)
                {
                    counts[(int)l]++;
                }
                return [.. counts.Select(c => c / training.Length)];
            default:
                return [training.Average(l => (double)l)];
        }
    }
}
