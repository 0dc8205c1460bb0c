using Microsoft.ML;
using Microsoft.ML.Data;

namespace Graft.Serving;

/// <summary>
/// A featurized row that works out the feature vector once per input row, however many readers it has (the
/// predictor, ML.NET's contribution calculation, the linear explanation): ML.NET's transforms do not cache, so
/// each reader would otherwise featurize the row again.
/// </summary>
internal sealed class FeatureRow : DataViewRow
{
    private readonly DataViewRow _featurized;
    private readonly ValueGetter<VBuffer<float>> _compute;
    private readonly int _features;
    private VBuffer<float> _value;
    private long _at = -1;

    public FeatureRow(DataViewRow featurized, DataViewSchema.Column features)
    {
        _featurized = featurized;
        _features = features.Index;
        _compute = featurized.GetGetter<VBuffer<float>>(features);
    }

    public override DataViewSchema Schema => _featurized.Schema;

    public override long Position => _featurized.Position;

    public override long Batch => _featurized.Batch;

    public override bool IsColumnActive(DataViewSchema.Column column) => _featurized.IsColumnActive(column);

    public override ValueGetter<DataViewRowId> GetIdGetter() => _featurized.GetIdGetter();

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index != _features)
        {
            return _featurized.GetGetter<TValue>(column);
        }
        ValueGetter<VBuffer<float>> features = (ref VBuffer<float> destination) => Current.CopyTo(ref destination);
        return (ValueGetter<TValue>)(Delegate)features;
    }

    /// <summary>This row's feature vector, read without a copy.</summary>
    public ref readonly VBuffer<float> Current
    {
        get
        {
            if (_at != Position)
            {
                _compute(ref _value);
                _at = Position;
            }
            return ref _value;
        }
    }

    /// <summary>
    /// Splits a model into the part that featurizes (up to the "Features" column) and the part that predicts
    /// from it (the predictor and whatever follows it, such as the contribution calculation).
    /// </summary>
    public static (ITransformer Featurizer, ITransformer Predictor) Split(ITransformer model)
    {
        var parts = Training.Explainer.Flatten(model).ToList();
        var predictor = parts.FindIndex(p => p is ISingleFeaturePredictionTransformer<object>);
        if (predictor <= 0)
        {
            throw new InvalidDataException("the model has no featurizer followed by a predictor");
        }
        return (new TransformerChain<ITransformer>([.. parts[..predictor]]), new TransformerChain<ITransformer>([.. parts[predictor..]]));
    }
}
