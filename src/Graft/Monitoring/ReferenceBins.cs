using System.Globalization;
using System.Text;
using System.Text.Json;
using Graft.Serving;

namespace Graft.Monitoring;

/// <summary>
/// A model version's reference profile made ready to count logged answers into its bins: each input by name (a
/// number into its percentile bins, a category into its categories or the others, a text by its length), and the
/// score. Reads the log's UTF-8 JSON as it is written, without building objects for it.
/// </summary>
public sealed class ReferenceBins
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly FieldBins[] _fields;
    private readonly FieldBins _score;

    public ReferenceBins(ReferenceProfile profile)
    {
        _fields = [.. profile.Inputs.Select(FieldBins.Of)];
        for (var i = 0; i < _fields.Length; i++)
        {
            _index.TryAdd(_fields[i].Field, i);
        }
        _score = FieldBins.Of(profile.Score);
    }

    public static ReferenceBins? Parse(string referenceJson) => ReferenceProfile.Parse(referenceJson) is { } profile ? new ReferenceBins(profile) : null;

    /// <summary>
    /// A summary made ready to count answers into: its counts of each field, in this reference's order, found once
    /// rather than looked up by name for every field of every answer. The log's writer keeps one per window it counts.
    /// </summary>
    public sealed class Target
    {
        internal Target(ReferenceBins bins, WindowSummary summary, BinCounts[] fields) => (Bins, Summary, Fields) = (bins, summary, fields);

        /// <summary>The reference that made it, the one to count with.</summary>
        public ReferenceBins Bins { get; }

        public WindowSummary Summary { get; }

        internal BinCounts[] Fields { get; }
    }

    /// <summary>The summary ready to be counted into (see <see cref="Target"/>): its fields' counts made where it has none.</summary>
    public Target Into(WindowSummary summary)
    {
        var fields = new BinCounts[_fields.Length];
        for (var i = 0; i < _fields.Length; i++)
        {
            if (!summary.Fields.TryGetValue(_fields[i].Field, out var counts))
            {
                summary.Fields[_fields[i].Field] = counts = BinCounts.For(_fields[i].Bins);
            }
            fields[i] = counts;
        }
        return new Target(this, summary, fields);
    }

    /// <summary>Counts one answer's inputs and score (and its warnings) into the summary.</summary>
    public void Count(ReadOnlySpan<byte> inputsUtf8, ReadOnlySpan<byte> outputUtf8, WindowSummary into) => Count(inputsUtf8, outputUtf8, Into(into));

    /// <summary>Counts one answer's inputs and score (and its warnings) into a target made by this reference.</summary>
    public void Count(ReadOnlySpan<byte> inputsUtf8, ReadOnlySpan<byte> outputUtf8, Target into)
    {
        Span<bool> seen = _fields.Length <= 256 ? stackalloc bool[_fields.Length] : new bool[_fields.Length];
        var slots = into.Fields;
        var reader = new Utf8JsonReader(inputsUtf8);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var index = _index.GetAlternateLookup<ReadOnlySpan<char>>();
            Span<char> name = stackalloc char[MaxNameLength];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var i = -1;
                var found = TryCopy(ref reader, name, out var length) && index.TryGetValue(name[..length], out i);
                reader.Read();
                if (found)
                {
                    seen[i] = true;
                    _fields[i].Count(ref reader, slots[i]);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        CountMissing(seen, slots);
        CountOutput(outputUtf8, into.Summary);
    }

    /// <summary>
    /// Counts one answer as <see cref="Count(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Target)"/> counts its JSON, from the
    /// values the JSON was written from: the log's writer does this for every answer, and reading its JSON back cost
    /// more than the counting.
    /// </summary>
    internal void Count(Serving.LoggedAnswer answer, Target into)
    {
        Span<bool> seen = _fields.Length <= 256 ? stackalloc bool[_fields.Length] : new bool[_fields.Length];
        var slots = into.Fields;
        foreach (var (field, value) in answer.Inputs)
        {
            if (_index.TryGetValue(field, out var i))
            {
                seen[i] = true;
                _fields[i].Count(value, slots[i]);
            }
        }
        CountMissing(seen, slots);
        var summary = into.Summary;
        summary.Score ??= BinCounts.For(_score.Bins);
        var scored = _score.Categories is null
            ? answer.Score is { } score && double.IsFinite(score) ? InputValue.Of(score) : answer.Value is { } regression && double.IsFinite(regression) ? InputValue.Of(regression) : (InputValue?)null
            : answer.Label is { } label ? InputValue.Of(label) : null;
        if (scored is { } counted)
        {
            _score.Count(counted, summary.Score);
        }
        else
        {
            summary.Score.Missing++;
        }
        for (var i = 0; i < answer.Warnings.Count; i++) // indexed: the interface's enumerator would be boxed for every answer
        {
            WindowSummary.Count(summary.Warnings, answer.Warnings[i].CountedAs);
        }
    }

    /// <summary>An input the answer did not carry counts as missing.</summary>
    private static void CountMissing(ReadOnlySpan<bool> seen, BinCounts[] slots)
    {
        for (var i = 0; i < seen.Length; i++)
        {
            if (!seen[i])
            {
                slots[i].Missing++;
            }
        }
    }

    /// <summary>The score (or the label, for more than two classes) and the warnings, from the top level of the output only: a shadow answer's rule has its own.</summary>
    private void CountOutput(ReadOnlySpan<byte> outputUtf8, WindowSummary into)
    {
        into.Score ??= BinCounts.For(_score.Bins);
        var scored = false;
        var reader = new Utf8JsonReader(outputUtf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = _score.Categories is null ? reader.ValueTextEquals("score"u8) || reader.ValueTextEquals("value"u8) : reader.ValueTextEquals("label"u8);
            var warnings = reader.ValueTextEquals("warnings"u8);
            reader.Read();
            if (wanted)
            {
                scored = true;
                _score.Count(ref reader, into.Score);
            }
            else if (warnings && reader.TokenType == JsonTokenType.StartObject)
            {
                CountWarnings(ref reader, into);
            }
            else
            {
                reader.Skip();
            }
        }
        if (!scored)
        {
            into.Score.Missing++;
        }
    }

    private static void CountWarnings(ref Utf8JsonReader reader, WindowSummary into)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString()!;
            reader.Read();
            var code = reader.TokenType == JsonTokenType.String ? reader.GetString()! : "warning";
            WindowSummary.Count(into.Warnings, field + "/" + code);
        }
    }

    // Names and categories are read into a buffer on the stack and looked up as spans: this runs for every field of
    // every logged answer, and a string for each would be most of what the writer allocates.
    private const int MaxNameLength = 256;

    /// <summary>The token's text, unescaped, into <paramref name="buffer"/>; false when it does not fit (no field or category is that long).</summary>
    private static bool TryCopy(ref Utf8JsonReader reader, scoped Span<char> buffer, out int length)
    {
        // UTF-8 never takes fewer bytes than UTF-16 chars, so a token of at most the buffer's length in bytes fits
        var fits = (reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) <= buffer.Length;
        length = fits ? reader.CopyString(buffer) : 0;
        return fits;
    }

    /// <summary>One field's bins: numeric edges, or categories with the others last.</summary>
    private sealed class FieldBins
    {
        public required string Field { get; init; }
        public double[]? Edges { get; init; }
        public Dictionary<string, int>? Categories { get; init; }
        public bool ByLength { get; init; }
        public int Bins => Categories is { } c ? c.Count + 1 : (Edges?.Length ?? 0) + 1;

        public static FieldBins Of(FieldDistribution d) => d.Kind == "categorical"
            ? new FieldBins { Field = d.Field, Categories = d.Categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal) }
            : new FieldBins { Field = d.Field, Edges = d.Shape?.Edges ?? [], ByLength = d.Measure == FieldDistribution.Length };

        public void Count(ref Utf8JsonReader reader, BinCounts into)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
                into.Missing++;
                return;
            }
            if (Categories is { } categories)
            {
                CountCategory(ref reader, categories, into);
                return;
            }
            if (Number(ref reader) is { } number && double.IsFinite(number))
            {
                into.AddNumber(ReferenceProfile.BinOf(Edges!, number), number);
            }
            else
            {
                into.Missing++;
            }
        }

        /// <summary>A value as <see cref="Count(ref Utf8JsonReader, BinCounts)"/> counts it once written as JSON.</summary>
        public void Count(InputValue value, BinCounts into)
        {
            if (Categories is { } categories)
            {
                if (CategoryOf(value, categories) is var bin and >= 0)
                {
                    into.Bins[bin]++;
                }
                else
                {
                    into.Missing++; // null
                }
                return;
            }
            double? number = ByLength
                ? value.Kind == InputValueKind.String ? value.Text!.Length : null
                : value.Kind switch
                {
                    InputValueKind.Number => value.Number,
                    InputValueKind.String when double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
                    _ => null,
                };
            if (number is { } n && double.IsFinite(n))
            {
                into.AddNumber(ReferenceProfile.BinOf(Edges!, n), n);
            }
            else
            {
                into.Missing++;
            }
        }

        /// <summary>A category's bin as training read it: a string as it is, a number as the log's JSON writes it, a boolean as true or false; the others' bin for any other, and -1 for null.</summary>
        private static int CategoryOf(InputValue value, Dictionary<string, int> categories)
        {
            switch (value.Kind)
            {
                case InputValueKind.String:
                    return categories.TryGetValue(value.Text!, out var bin) ? bin : categories.Count;
                case InputValueKind.Boolean:
                    return categories.TryGetValue(value.Number != 0 ? "true" : "false", out bin) ? bin : categories.Count;
                case InputValueKind.Number:
                    Span<byte> utf8 = stackalloc byte[32];
                    Span<char> text = stackalloc char[32];
                    if (!JsonNumbers.TryFormat(value.Number, utf8, out var written) && !value.Number.TryFormat(utf8, out written, default, CultureInfo.InvariantCulture))
                    {
                        return categories.Count;
                    }
                    var length = Encoding.UTF8.GetChars(utf8[..written], text);
                    return categories.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text[..length], out bin) ? bin : categories.Count;
                default:
                    return -1;
            }
        }

        private double? Number(ref Utf8JsonReader reader)
        {
            if (ByLength)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString()!.Length : null;
            }
            return reader.TokenType switch
            {
                JsonTokenType.Number => reader.GetDouble(),
                JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
                _ => null,
            };
        }

        /// <summary>
        /// A category as training read it: a string as it is, a number or a boolean as its JSON text. A text too long
        /// for the buffer is none of the categories (no category is that long).
        /// </summary>
        private static void CountCategory(ref Utf8JsonReader reader, Dictionary<string, int> categories, BinCounts into)
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False))
            {
                into.Missing++; // null
                return;
            }
            Span<char> text = stackalloc char[MaxNameLength];
            var length = reader.TokenType switch
            {
                JsonTokenType.String => TryCopy(ref reader, text, out var copied) ? copied : -1,
                JsonTokenType.Number => reader.ValueSpan.Length <= text.Length ? Encoding.UTF8.GetChars(reader.ValueSpan, text) : -1,
                JsonTokenType.True => Copy("true", text),
                _ => Copy("false", text),
            };
            into.Bins[length >= 0 && categories.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text[..length], out var bin) ? bin : categories.Count]++;
        }

        private static int Copy(string literal, Span<char> into)
        {
            literal.CopyTo(into);
            return literal.Length;
        }
    }
}
