using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Graft.Serving;

/// <summary>
/// One input value as a request sends it: null, a number, a boolean or a string. An object or a list is kept
/// only as the fact that it was sent (<see cref="InputValueKind.Structured"/>), for the check to name it.
/// Read straight from the request's JSON into this small struct, so a 1,000-row batch costs no document per
/// value, and every later step (checks, scoring, the rule, the log) reads the same parsed value.
/// </summary>
[JsonConverter(typeof(InputValueJsonConverter))]
public readonly record struct InputValue(InputValueKind Kind, double Number, string? Text)
{
    public static readonly InputValue Null = new(InputValueKind.Null, 0, null);

    public static InputValue Of(double number) => new(InputValueKind.Number, number, null);

    public static InputValue Of(bool flag) => new(InputValueKind.Boolean, flag ? 1 : 0, null);

    public static InputValue Of(string? text) => text is null ? Null : new(InputValueKind.String, 0, text);

    /// <summary>The value of a JSON element read some other way (the Open Inference Protocol's tensors).</summary>
    public static InputValue From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => Of(element.TryGetDouble(out var d) ? d : double.PositiveInfinity),
        JsonValueKind.String => Of(element.GetString()),
        JsonValueKind.True => Of(true),
        JsonValueKind.False => Of(false),
        JsonValueKind.Object or JsonValueKind.Array => new(InputValueKind.Structured, 0, null),
        _ => Null,
    };

    public bool IsNull => Kind == InputValueKind.Null;

    /// <summary>The value as text: strings as they are, numbers in invariant form, booleans as true/false.</summary>
    public string? AsText() => Kind switch
    {
        InputValueKind.String => Text,
        InputValueKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        InputValueKind.Boolean => Number != 0 ? "true" : "false",
        _ => null,
    };

    public void WriteTo(Utf8JsonWriter json)
    {
        switch (Kind)
        {
            case InputValueKind.Number:
                JsonNumbers.Write(json, Number);
                break;
            case InputValueKind.Boolean:
                json.WriteBooleanValue(Number != 0);
                break;
            case InputValueKind.String:
                json.WriteStringValue(Text);
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }
}

public enum InputValueKind
{
    Null,
    Number,
    Boolean,
    String,
    Structured,
}

/// <summary>Reads and writes <see cref="InputValue"/> as the plain JSON value it stands for.</summary>
public sealed class InputValueJsonConverter : JsonConverter<InputValue>
{
    public override bool HandleNull => true;

    public override InputValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return InputValue.Of(reader.TryGetDouble(out var number) ? number : double.PositiveInfinity); // too large: the check names it
            case JsonTokenType.String:
                return InputValue.Of(reader.GetString());
            case JsonTokenType.True or JsonTokenType.False:
                return InputValue.Of(reader.GetBoolean());
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                // the serializer has buffered the whole value before calling a converter; Skip would refuse a stream's partial block
                if (!reader.TrySkip())
                {
                    throw new JsonException("an input value is cut short");
                }
                return new InputValue(InputValueKind.Structured, 0, null);
            default:
                return InputValue.Null;
        }
    }

    public override void Write(Utf8JsonWriter writer, InputValue value, JsonSerializerOptions options) => value.WriteTo(writer);
}
