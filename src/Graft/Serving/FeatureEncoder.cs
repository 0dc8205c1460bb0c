using System.Collections.Immutable;
using Graft.Registry;
using Graft.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Graft.Serving;

/// <summary>
/// A model's featurizer (<see cref="Featurizer"/>) evaluated by Graft: numbers as they are for trees, and for linear
/// models with a missing-value indicator, the training mean in place of a missing value and mean-variance scaling;
/// categories one-hot. ML.NET's transforms take several microseconds a row through their chains of getters, more than
/// the linear model or the trees that read the vector, for what is a copy, a multiply and a dictionary lookup per input.
/// <para>
/// It is learnt from the model's own featurizer, not from how Graft built it: each input is varied alone to find the
/// slots it sets, the scaling is read from ML.NET's normaliser, and every category is looked up once. Then varied rows
/// (missing values, numbers far outside training, unseen categories) are featurized both ways and must agree to the
/// bit. A featurizer with text (its n-grams stay ML.NET's), or one that disagrees anywhere, gets no encoder and the
/// model is served through ML.NET as before.
/// </para>
/// </summary>
internal sealed class FeatureEncoder
{
    private const string Unseen = "\u0001graft: not a category";

    private readonly float[] _base; // every slot no input sets, as ML.NET leaves it
    private readonly NumberSlot[] _numbers;
    private readonly CategorySlots[] _categories;

    /// <summary>Where a numeric input goes: <c>(x − Offset) × Scale</c> at <c>Slot</c>, and when missing <c>WhenMissing</c> there and 1 at <c>Indicator</c> (if any).</summary>
    private readonly record struct NumberSlot(int Input, int Slot, float Offset, float Scale, float WhenMissing, int Indicator);

    /// <summary>A categorical input's one-hot slot for each category it knows; anything else sets none.</summary>
    private sealed record CategorySlots(int Input, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Slots);

    private FeatureEncoder(float[] @base, NumberSlot[] numbers, CategorySlots[] categories) => (_base, _numbers, _categories) = (@base, numbers, categories);

    public int Width => _base.Length;

    /// <summary>Writes the feature vector of <paramref name="row"/> into <paramref name="features"/> (<see cref="Width"/> long).</summary>
    public void Encode(InputRow row, Span<float> features)
    {
        _base.CopyTo(features);
        foreach (var number in _numbers)
        {
            var x = row.Number(number.Input);
            if (float.IsNaN(x))
            {
                features[number.Slot] = number.WhenMissing;
                if (number.Indicator >= 0)
                {
                    features[number.Indicator] = 1;
                }
            }
            else
            {
                features[number.Slot] = (x - number.Offset) * number.Scale; // ML.NET's affine normaliser, in its float arithmetic
            }
        }
        foreach (var category in _categories)
        {
            if (category.Slots.TryGetValue(row.Text(category.Input), out var slot))
            {
                features[slot] = 1;
            }
        }
    }

    /// <summary>The encoder of a model's featurizer, or null when the featurizer is not one it can reproduce exactly (see the class).</summary>
    public static FeatureEncoder? Learn(ITransformer featurizer, ModelCard card, DataViewSchema inputSchema)
    {
        if (card.Inputs.Any(i => i.Kind == InputKind.Text))
        {
            return null;
        }
        var probe = new Probe(featurizer, inputSchema);
        var row = probe.Row;
        for (var i = 0; i < card.Inputs.Count; i++)
        {
            Reset(row, card, i);
        }
        var start = probe.Features();
        var scaling = Scaling(featurizer);
        var numbers = new List<NumberSlot>();
        var categories = new List<CategorySlots>();
        for (var i = 0; i < card.Inputs.Count; i++)
        {
            var input = card.Inputs[i];
            if (input.Kind == InputKind.Numeric)
            {
                if (LearnNumber(probe, i, numbers.Count, scaling, start) is not { } number)
                {
                    return null;
                }
                numbers.Add(number);
            }
            else
            {
                if (LearnCategories(probe, i, start) is not { } slots)
                {
                    return null;
                }
                categories.Add(new CategorySlots(i, slots.GetAlternateLookup<ReadOnlySpan<char>>()));
            }
            Reset(row, card, i);
        }
        var encoder = new FeatureEncoder(start, [.. numbers], [.. categories]);
        return encoder.AgreesWith(probe, card) ? encoder : null;
    }

    /// <summary>Sets input <paramref name="i"/> of the probing row back to a value that sets nothing of its own: 0, or an unseen category.</summary>
    private static void Reset(InputRow row, ModelCard card, int i)
    {
        if (card.Inputs[i].Kind == InputKind.Numeric)
        {
            row.SetNumber(i, 0);
        }
        else
        {
            row.SetText(i, Unseen);
        }
    }

    /// <summary>
    /// A numeric input's slot (the one that moves between 0 and 1), its indicator (the one more that moves when it is
    /// missing, holding 1), and the normaliser's offset and scale for it (the <paramref name="ordinal"/>-th number),
    /// which must give back exactly what ML.NET gave for 0 and 1.
    /// </summary>
    private static NumberSlot? LearnNumber(Probe probe, int i, int ordinal, (ImmutableArray<float> Offset, ImmutableArray<float> Scale)? scaling, float[] start)
    {
        probe.Row.SetNumber(i, 1);
        var one = probe.Features();
        probe.Row.SetNumber(i, float.NaN);
        var missing = probe.Features();
        var moved = Differences(start, one);
        if (moved is not [var slot])
        {
            return null;
        }
        var indicators = Differences(start, missing).Where(s => s != slot).ToList();
        if (indicators.Count > 1 || indicators is [var flag] && (start[flag] != 0 || missing[flag] != 1))
        {
            return null;
        }
        var (offset, scale) = (0f, 1f);
        if (scaling is { } s)
        {
            if (ordinal >= s.Scale.Length)
            {
                return null;
            }
            offset = s.Offset.IsDefaultOrEmpty ? 0 : s.Offset[ordinal];
            scale = s.Scale[ordinal];
        }
        if (!Same((0 - offset) * scale, start[slot]) || !Same((1 - offset) * scale, one[slot]))
        {
            return null;
        }
        return new NumberSlot(i, slot, offset, scale, missing[slot], indicators is [var indicator] ? indicator : -1);
    }

    /// <summary>
    /// A categorical input's one-hot slot for each category ML.NET's dictionary holds (the slot names of its encoded
    /// column); each must set exactly one slot to 1 (an unseen value sets none: the probing row's start).
    /// </summary>
    private static Dictionary<string, int>? LearnCategories(Probe probe, int i, float[] start)
    {
        if (probe.CategoriesOf(i) is not { } names)
        {
            return null;
        }
        var slots = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        foreach (var name in names)
        {
            probe.Row.SetText(i, name);
            var features = probe.Features();
            if (Differences(start, features) is not [var slot] || features[slot] != 1 || start[slot] != 0 || !slots.TryAdd(name, slot))
            {
                return null;
            }
        }
        return slots;
    }

    /// <summary>Varied rows featurized by ML.NET and by the encoder must agree in every slot, to the bit.</summary>
    private bool AgreesWith(Probe probe, ModelCard card)
    {
        var random = new Random(17);
        var mine = new float[Width];
        var categories = _categories.ToDictionary(c => c.Input, c => c.Slots.Dictionary.Keys.ToArray()); // as learnt
        for (var r = 0; r < 64; r++)
        {
            for (var i = 0; i < card.Inputs.Count; i++)
            {
                var input = card.Inputs[i];
                if (input.Kind == InputKind.Numeric)
                {
                    probe.Row.SetNumber(i, Varied(random, input.Domain));
                }
                else
                {
                    var known = categories[i];
                    var pick = random.Next(known.Length + 2);
                    probe.Row.SetText(i, pick < known.Length ? known[pick] : pick == known.Length ? null : Unseen);
                }
            }
            Encode(probe.Row, mine);
            var theirs = probe.Features();
            for (var slot = 0; slot < Width; slot++)
            {
                if (!Same(mine[slot], theirs[slot]))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>A number as requests send them: missing, round, inside training's range, or far outside it.</summary>
    private static float Varied(Random random, InputDomain? domain)
    {
        var (low, high) = (domain?.Min ?? -10, domain?.Max ?? 10);
        var span = Math.Max(high - low, 1);
        return random.Next(6) switch
        {
            0 => float.NaN,
            1 => random.Next(-3, 4),
            2 => (float)Math.Round(low + random.NextDouble() * span, 2),
            3 => (float)(low - random.NextDouble() * 10 * span),
            4 => (float)(high + random.NextDouble() * 10 * span),
            _ => (float)(low + random.NextDouble() * span),
        };
    }

    /// <summary>The mean-variance normaliser's offsets and scales, by position in the numbers' block; null when there is none.</summary>
    private static (ImmutableArray<float> Offset, ImmutableArray<float> Scale)? Scaling(ITransformer featurizer)
    {
        foreach (var part in Explainer.Flatten(featurizer))
        {
            if (part is NormalizingTransformer normalizer
                && normalizer.GetNormalizerModelParameters(0) is NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> affine)
            {
                return (affine.Offset, affine.Scale);
            }
        }
        return null;
    }

    private static List<int> Differences(float[] a, float[] b)
    {
        var slots = new List<int>();
        for (var slot = 0; slot < a.Length; slot++)
        {
            if (!Same(a[slot], b[slot]))
            {
                slots.Add(slot);
            }
        }
        return slots;
    }

    private static bool Same(float a, float b) => a.Equals(b); // bit for bit, NaN equal to NaN

    /// <summary>One input row wired through ML.NET's featurizer, read out densely, and the categories its one-hot columns know.</summary>
    private sealed class Probe
    {
        private readonly DataViewRow _featurized;
        private readonly DataViewSchema _schema;
        private readonly ValueGetter<VBuffer<float>> _features;
        private VBuffer<float> _buffer;

        public Probe(ITransformer featurizer, DataViewSchema inputSchema)
        {
            Row = new InputRow(inputSchema);
            var mapper = featurizer.GetRowToRowMapper(inputSchema);
            _schema = mapper.OutputSchema;
            var column = _schema[Featurizer.Features];
            _featurized = mapper.GetRow(Row, [column]);
            _features = _featurized.GetGetter<VBuffer<float>>(column);
        }

        public InputRow Row { get; }

        public float[] Features()
        {
            Row.Advance();
            _features(ref _buffer);
            return _buffer.DenseValues().ToArray();
        }

        /// <summary>The categories input <paramref name="i"/>'s one-hot column (<c>f.i</c>, see <see cref="Featurizer.Parts"/>) names its slots by.</summary>
        public IReadOnlyList<string>? CategoriesOf(int i)
        {
            if (_schema.GetColumnOrNull($"f.{i}") is not { Type: VectorDataViewType { Size: > 0 } } column || !column.HasSlotNames())
            {
                return null;
            }
            VBuffer<ReadOnlyMemory<char>> names = default;
            column.GetSlotNames(ref names);
            return [.. names.DenseValues().Select(n => n.ToString())];
        }
    }
}
