using System.Text;
using System.Text.Json;
using Graft.Serving;

namespace Graft.Tests.Serving;

public class InputValueTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // a tiny buffer makes the serializer hand converters partial blocks, as a request body stream does
    private static readonly JsonSerializerOptions SmallBuffer = new(JsonSerializerDefaults.Web) { DefaultBufferSize = 16 };

    [Fact]
    public async Task Request_values_are_read_as_numbers_booleans_strings_nulls_or_structured_even_from_a_stream_in_small_pieces()
    {
        const string body = """{"n": 4.25, "t": true, "f": false, "s": "Month-to-month", "z": null, "list": [1, [2, {"a": 3}]], "obj": {"b": [4]}, "big": 1e400, "after": 7}""";
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var values = await JsonSerializer.DeserializeAsync<Dictionary<string, InputValue>>(stream, SmallBuffer);

        Assert.Equal(InputValue.Of(4.25), values!["n"]);
        Assert.Equal(InputValue.Of(true), values["t"]);
        Assert.Equal(InputValue.Of(false), values["f"]);
        Assert.Equal(InputValue.Of("Month-to-month"), values["s"]);
        Assert.True(values["z"].IsNull);
        Assert.Equal(InputValueKind.Structured, values["list"].Kind);
        Assert.Equal(InputValueKind.Structured, values["obj"].Kind);
        Assert.Equal(double.PositiveInfinity, values["big"].Number);
        Assert.Equal(InputValue.Of(7), values["after"]);
    }

    [Theory]
    [InlineData("4.25", "4.25", 4.25f)]
    [InlineData("true", "true", 1f)]
    [InlineData("\"12\"", "12", 12f)]
    [InlineData("\"twelve\"", "twelve", float.NaN)]
    [InlineData("null", null, float.NaN)]
    public void Values_become_the_text_and_number_a_model_reads(string json, string? text, float number)
    {
        var value = JsonSerializer.Deserialize<InputValue>(json, Json);

        Assert.Equal(text, InputValues.Text(value));
        Assert.Equal(number, InputValues.Number(value, Graft.Data.FieldType.Number));
        Assert.Equal(value, InputValue.From(JsonDocument.Parse(json).RootElement));
    }

    [Fact]
    public void A_value_writes_back_as_the_json_it_was_read_from()
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, InputValue>>("""{"a":1.5,"b":"x","c":false,"d":null}""", Json);

        Assert.Equal("""{"a":1.5,"b":"x","c":false,"d":null}""", JsonSerializer.Serialize(values, Json));
    }
}
