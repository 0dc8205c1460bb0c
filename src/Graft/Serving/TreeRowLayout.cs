using Microsoft.ML.Data;

namespace Graft.Serving;

/// <summary>
/// The compact row a tree model reads: one place per feature slot a numeric split reads, then one place per
/// categorical question (is any of these one-hot slots above zero?) holding its answer, 1 or 0. Every split then
/// compares one place with a threshold (a question's with 0.5), and a row is a few hundred floats, however wide
/// the feature vector (a text field's words make it thousands of slots, nearly all zero).
/// </summary>
internal sealed class TreeRowLayout
{
    private readonly int[] _placeOfSlot; // feature slot → its place, or -1 when no numeric split reads it
    private readonly int[] _slotOfPlace;
    private readonly Dictionary<string, int> _questionPlaces = new(StringComparer.Ordinal); // trees ask the same question again and again
    private readonly float[] _questionMissing; // per question: what a missing value in its slots reads as
    private readonly int[] _questionsOfSlot; // slot s is in questions _questionsOfSlot[_questionsOfSlotAt[s].._questionsOfSlotAt[s + 1]]
    private readonly int[] _questionsOfSlotAt;
    private readonly int[] _questionSlots; // every slot some question has, in order

    /// <param name="numericSlots">The slots numeric splits read.</param>
    /// <param name="questions">Each categorical split's slots, and what a missing value there reads as (ML.NET's default for the split).</param>
    public TreeRowLayout(IEnumerable<int> numericSlots, IEnumerable<(int[] Slots, float Missing)> questions)
    {
        _slotOfPlace = [.. numericSlots.Distinct().Order()];
        _placeOfSlot = new int[_slotOfPlace.Length == 0 ? 0 : _slotOfPlace[^1] + 1];
        Array.Fill(_placeOfSlot, -1);
        for (var p = 0; p < _slotOfPlace.Length; p++)
        {
            _placeOfSlot[_slotOfPlace[p]] = p;
        }
        var distinct = new List<(int[] Slots, float Missing)>();
        foreach (var question in questions)
        {
            if (_questionPlaces.TryAdd(Key(question.Slots, question.Missing), _slotOfPlace.Length + distinct.Count))
            {
                distinct.Add(question);
            }
        }
        _questionMissing = [.. distinct.Select(q => q.Missing)];
        var ofSlot = distinct.SelectMany((q, index) => q.Slots.Select(slot => (Slot: slot, Question: index))).ToList();
        _questionSlots = [.. ofSlot.Select(p => p.Slot).Distinct().Order()];
        (_questionsOfSlot, _questionsOfSlotAt) = Grouping.ByKey(ofSlot, _questionSlots.Length == 0 ? 0 : _questionSlots[^1] + 1);
        Width = _slotOfPlace.Length + distinct.Count;
    }

    /// <summary>How many places a row has.</summary>
    public int Width { get; }

    /// <summary>The place of a slot a numeric split reads.</summary>
    public int PlaceOf(int slot) => _placeOfSlot[slot];

    /// <summary>The place of a categorical split's answer.</summary>
    public int PlaceOf(int[] slots, float missing) => _questionPlaces[Key(slots, missing)];

    /// <summary>Writes the row of a feature vector into <paramref name="row"/> (<see cref="Width"/> places).</summary>
    public void Load(in VBuffer<float> features, Span<float> row)
    {
        row = row[..Width];
        row.Clear();
        var values = features.GetValues();
        if (features.IsDense)
        {
            for (var p = 0; p < _slotOfPlace.Length; p++)
            {
                row[p] = _slotOfPlace[p] < values.Length ? values[_slotOfPlace[p]] : 0;
            }
            foreach (var slot in _questionSlots)
            {
                Answer(slot, slot < values.Length ? values[slot] : 0, row);
            }
            return;
        }
        var indices = features.GetIndices();
        var places = _placeOfSlot;
        for (var k = 0; k < values.Length; k++)
        {
            var slot = indices[k];
            if ((uint)slot < (uint)places.Length && places[slot] is var place and >= 0)
            {
                row[place] = values[k];
            }
            Answer(slot, values[k], row);
        }
    }

    /// <summary>
    /// Answers, in <paramref name="row"/>, the questions <paramref name="slot"/> is in: a row goes right at one
    /// when any of its slots is above zero, a missing value reading as the split's default. Answers start at 0
    /// (left), so a slot at zero changes nothing.
    /// </summary>
    private void Answer(int slot, float value, Span<float> row)
    {
        if (value == 0 || (uint)slot >= (uint)_questionsOfSlotAt.Length - 1)
        {
            return;
        }
        for (var k = _questionsOfSlotAt[slot]; k < _questionsOfSlotAt[slot + 1]; k++)
        {
            var question = _questionsOfSlot[k];
            if ((float.IsNaN(value) ? _questionMissing[question] : value) > 0)
            {
                row[_slotOfPlace.Length + question] = 1;
            }
        }
    }

    private static string Key(int[] slots, float missing) =>
        string.Join(',', slots) + ";" + missing.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Items grouped by an integer key into one array, for reading a key's items as a run.</summary>
internal static class Grouping
{
    /// <summary>Key k's items are <c>Items[At[k]..At[k + 1]]</c>, in the order given.</summary>
    public static (T[] Items, int[] At) ByKey<T>(List<(int Key, T Item)> items, int keys)
    {
        var at = new int[keys + 1];
        foreach (var (key, _) in items)
        {
            at[key + 1]++;
        }
        for (var k = 0; k < keys; k++)
        {
            at[k + 1] += at[k];
        }
        var grouped = new T[items.Count];
        var next = at[..keys];
        foreach (var (key, item) in items)
        {
            grouped[next[key]++] = item;
        }
        return (grouped, at);
    }
}
