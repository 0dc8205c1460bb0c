using Graft.Registry;
using Graft.UseCases;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Graft.Serving;

/// <summary>
/// One thread's view of a loaded model: an input row wired through the model's featurizer and on to the score
/// and its explanation. Tree models Graft scores itself read the featurized row directly; others go on through
/// ML.NET's row-to-row mapper to its output getters. ML.NET's scoring objects are not thread-safe, so sessions
/// are pooled by <see cref="LoadedModel"/> and each is used by one caller at a time.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The input row holds no unmanaged state; sessions live as long as their model and are dropped with it.")]
internal sealed class ScoringSession
{
    private readonly ModelCard _card;
    private readonly double _threshold; // a binary model's, as answers show it (LoadedModel.Threshold)
    private readonly InputRow _input;
    private readonly FeatureRow _row;
    private readonly TreeEnsembleScorer? _trees;
    private readonly float[] _compact; // the row as the trees read it
    private readonly FeatureEncoder? _encoder; // featurizes the row in place of ML.NET's transforms, when it can
    private readonly float[] _encoded;
    private readonly VBuffer<float> _encodedView; // over _encoded
    private readonly LinearScore? _linear; // a linear model Graft scores itself, from _encoded
    private readonly ValueGetter<float>? _single;
    private readonly ValueGetter<VBuffer<float>>? _vector;
    private readonly ValueGetter<VBuffer<float>>? _contributions;
    private readonly Explanations? _explanations;
    private VBuffer<float> _buffer;
    private VBuffer<float> _explainBuffer;

    public ScoringSession(ScoringParts parts, ModelCard card, double threshold, DataViewSchema inputSchema)
    {
        _card = card;
        _threshold = threshold;
        _input = new InputRow(inputSchema);
        var (featurizer, predictor, linearWeights, trees, scale) = parts;
        var featurizing = featurizer.GetRowToRowMapper(inputSchema);
        var featuresColumn = featurizing.OutputSchema[Training.Featurizer.Features];
        _row = new FeatureRow(featurizing.GetRow(_input, [featuresColumn]), featuresColumn);
        _trees = trees;
        _compact = new float[trees?.Width ?? 0];
        _encoder = parts.Encoder;
        _encoded = new float[_encoder?.Width ?? 0];
        _encodedView = new VBuffer<float>(_encoded.Length, _encoded);
        _linear = parts.Linear;
        if (card.Explains && (trees is not null || linearWeights is not null))
        {
            _explanations = new Explanations(card, linearWeights, scale); // from the trees, or from the features read once
        }
        if (trees is not null || _linear is not null)
        {
            return; // the row is scored and explained here: ML.NET's predictor is never asked
        }
        var mapper = predictor.GetRowToRowMapper(featurizing.OutputSchema);
        var outputs = mapper.OutputSchema;
        var scoreName = card.Task == TaskKind.Binary ? "Probability" : "Score";
        var wanted = new List<DataViewSchema.Column> { outputs[scoreName] };
        var contributions = card.Explains && linearWeights is null ? outputs.GetColumnOrNull(Training.Explainer.Column) : null;
        if (contributions is not null)
        {
            wanted.Add(contributions.Value);
        }
        var row = mapper.GetRow(_row, wanted);
        if (card.Task == TaskKind.Multiclass)
        {
            _vector = row.GetGetter<VBuffer<float>>(outputs[scoreName]);
        }
        else
        {
            _single = row.GetGetter<float>(outputs[scoreName]);
        }
        if (contributions is { } column)
        {
            _contributions = row.GetGetter<VBuffer<float>>(column);
            _explanations = new Explanations(card, null, null); // ML.NET's contributions do not add up to the score
        }
    }

    /// <summary>Scores a batch's rows into <paramref name="outputs"/>, in order, on the caller's thread, so its cost is one core's.</summary>
    public void Score(InputColumns columns, bool explain, List<ModelOutput> outputs)
    {
        for (var r = 0; r < columns.RowCount; r++)
        {
            columns.Fill(_input, r);
            outputs.Add(Answer(explain));
        }
    }

    /// <summary>Scores one request row, filled straight into the input row.</summary>
    public ModelOutput Score(IReadOnlyDictionary<string, InputValue> row, bool explain)
    {
        InputColumns.Fill(_card, row, _input);
        return Answer(explain);
    }

    /// <summary>The answer to the row just set: the input row moves on, so ML.NET's transforms read it afresh.</summary>
    private ModelOutput Answer(bool explain)
    {
        _input.Advance();
        return _card.Task == TaskKind.Multiclass ? Multiclass() : Single(explain && _explanations is not null);
    }

    /// <summary>How many of the rows reach each leaf of each tree; null for a model Graft does not score from its trees.</summary>
    public int[][]? CountLeaves(InputColumns columns)
    {
        if (_trees is null)
        {
            return null;
        }
        var counts = _trees.NewCounts();
        for (var r = 0; r < columns.RowCount; r++)
        {
            columns.Fill(_input, r);
            _input.Advance();
            _trees.Load(Features(), _compact);
            _trees.CountLeaves(_compact, counts);
        }
        return counts;
    }

    /// <summary>A binary model's answer or a regression's value: from the trees when Graft scores them, else through ML.NET.</summary>
    private ModelOutput Single(bool explaining)
    {
        float score = 0;
        var explanation = Unexplained;
        if (_trees is not null)
        {
            _trees.Load(Features(), _compact);
            double scored;
            if (explaining)
            {
                explanation = _explanations!.FromTrees(_trees, _compact, out scored);
            }
            else
            {
                scored = _trees.Score(_compact);
            }
            score = (float)scored;
        }
        else if (_linear is not null)
        {
            ref readonly var features = ref Features();
            score = _linear.Score(features.GetValues());
            if (explaining)
            {
                explanation = _explanations!.FromFeatures(features);
            }
        }
        else
        {
            _single!(ref score);
            if (explaining)
            {
                explanation = Explain();
            }
        }
        if (_card.Task != TaskKind.Binary)
        {
            return new ModelOutput(null, null, null, ModelNumbers.Shown(score), explanation.Top, explanation.Base, explanation.Other);
        }
        var shown = ModelNumbers.Shown(score);
        var label = shown >= _threshold ? _card.Positive : _card.Classes[0];
        return new ModelOutput(label, shown, null, null, explanation.Top, explanation.Base, explanation.Other);
    }

    private static readonly Explained Unexplained = new([], null, null);

    /// <summary>The row's feature vector: Graft's own encoding when the model has an encoder, else ML.NET's featurizer's, worked out once.</summary>
    private ref readonly VBuffer<float> Features()
    {
        if (_encoder is null)
        {
            return ref _row.Current;
        }
        _encoder.Encode(_input, _encoded);
        return ref _encodedView;
    }

    private ModelOutput Multiclass()
    {
        _vector!(ref _buffer);
        var scores = _buffer.DenseValues().ToArray();
        var best = 0;
        var classScores = new Dictionary<string, double>(_card.Classes.Count, StringComparer.Ordinal);
        for (var k = 0; k < _card.Classes.Count && k < scores.Length; k++)
        {
            classScores[_card.Classes[k]] = ModelNumbers.Shown(scores[k]);
            best = scores[k] > scores[best] ? k : best;
        }
        return new ModelOutput(_card.Classes[best], ModelNumbers.Shown(scores[best]), classScores, null, []);
    }

    /// <summary>An ML.NET-scored row's explanation: a linear model's weights times its features, or ML.NET's contributions.</summary>
    private Explained Explain()
    {
        if (_contributions is null)
        {
            return _explanations!.FromFeatures(_row.Current);
        }
        _contributions(ref _explainBuffer);
        return _explanations!.FromContributions(_explainBuffer);
    }
}

/// <summary>
/// What every scoring session of a model shares, worked out once when it loads: the featurizing and predicting
/// parts of the model, a linear model's weights (its explanations are weight × value), for tree models Graft
/// scores itself the trees in flat arrays (their node values weighed by the card's leaf cover), and how either's
/// contributions become the answer's units.
/// </summary>
internal sealed record ScoringParts(ITransformer Featurizer, ITransformer Predictor, float[]? LinearWeights, TreeEnsembleScorer? Trees, ExplanationScale? Scale)
{
    /// <summary>The featurizer Graft evaluates itself (<see cref="FeatureEncoder"/>), for trees or a linear model Graft scores; null leaves it to ML.NET.</summary>
    public FeatureEncoder? Encoder { get; private init; }

    /// <summary>A linear model Graft scores itself from <see cref="Encoder"/>'s features; null when ML.NET's predictor scores it.</summary>
    public LinearScore? Linear { get; private init; }

    public static ScoringParts Of(ITransformer model, ModelCard card, DataViewSchema inputSchema, bool encode)
    {
        var (featurizer, predictor) = FeatureRow.Split(model);
        if (Training.Explainer.Linear(model) is { } linear)
        {
            var own = LinearScore.Of(card.Task, linear.Weights, (float)linear.Bias, linear.Calibration);
            var encoder = own is null || !encode ? null : FeatureEncoder.Learn(featurizer, card, inputSchema);
            return new ScoringParts(featurizer, predictor, linear.Weights, null, ExplanationScale.Of(linear.Bias, linear.Calibration))
            {
                Encoder = encoder,
                Linear = encoder is null ? null : own,
            };
        }
        var trees = card.Task != TaskKind.Multiclass ? TreeEnsembleScorer.From(predictor, card.LeafCover) : null;
        return new ScoringParts(featurizer, predictor, null, trees, trees is null ? null : ExplanationScale.Of(trees.ExpectedRaw, trees.Calibration))
        {
            Encoder = trees is null || !encode ? null : FeatureEncoder.Learn(featurizer, card, inputSchema),
        };
    }
}

/// <summary>
/// A linear model's score as ML.NET computes it: the bias plus the weights times the features, in single precision;
/// for a binary model through its Platt calibration, 1 / (1 + exp(A × raw + B)), in double, as ML.NET's calibrator does.
/// </summary>
internal sealed record LinearScore(float[] Weights, float Bias, (double Slope, double Offset)? Calibration)
{
    /// <summary>For a binary model with a Platt calibration or a regression; null for what ML.NET should score (multiclass, other calibrations).</summary>
    public static LinearScore? Of(TaskKind task, float[] weights, float bias, (double Slope, double Offset)? calibration) =>
        task == TaskKind.Binary && calibration is not null || task == TaskKind.Regression && calibration is null ? new(weights, bias, calibration) : null;

    public float Score(ReadOnlySpan<float> features)
    {
        var shared = Math.Min(Weights.Length, features.Length);
        var raw = Bias + System.Numerics.Tensors.TensorPrimitives.Dot(Weights.AsSpan(0, shared), features[..shared]);
        return Calibration is { } platt ? (float)(1.0 / (1.0 + Math.Exp(platt.Slope * raw + platt.Offset))) : raw;
    }
}
