using System.Net;

namespace Graft.Server.Tests;

/// <summary>
/// Infer requests written as the Open Inference Protocol's REST text writes them
/// (github.com/kserve/kserve, docs/predict-api/v2/required_api.md): its example request with Graft's fields for its
/// tensors, data flat or nested row-major, shapes [n] and [n, 1], each datatype a field may take, parameters; and
/// every way a request can be wrong, each a 4xx with the protocol's {"error": …} naming the problem.
/// </summary>
public class OpenInferenceProtocolTests(TrainedToyService toy) : IClassFixture<TrainedToyService>
{
    private const string X = """{"name": "x", "shape": [2], "datatype": "FP64", "data": [9.5, 0.5]}""";
    private const string Colour = """{"name": "colour", "shape": [2], "datatype": "BYTES", "data": ["blue", "red"]}""";

    [Fact]
    public async Task The_protocols_example_request_gets_the_protocols_example_answer()
    {
        // The protocol's example: an id, two inputs (one [2, 1] given nested, as its natural form) and one requested output.
        var (status, answer) = await toy.InferAsync("""
            {
              "id" : "42",
              "inputs" : [
                {"name" : "x", "shape" : [ 2, 1 ], "datatype" : "FP32", "data" : [ [9.5], [0.5] ]},
                {"name" : "member", "shape" : [ 2 ], "datatype" : "BOOL", "data" : [ true, false ]}
              ],
              "outputs" : [ {"name" : "label"} ]
            }
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("42", answer.GetProperty("id").GetString());
        Assert.Equal("toy", answer.GetProperty("model_name").GetString());
        var label = Assert.Single(answer.GetProperty("outputs").EnumerateArray());
        Assert.Equal("label", label.GetProperty("name").GetString());
        Assert.Equal("BYTES", label.GetProperty("datatype").GetString());
        Assert.Equal([2], label.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(["yes", "no"], label.GetProperty("data").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData(X, Colour)]
    [InlineData("""{"name": "x", "shape": [2, 1], "datatype": "FP32", "data": [[9.5], [0.5]]}""", Colour)]
    [InlineData("""{"name": "x", "shape": [2, 1], "datatype": "FP32", "data": [9.5, 0.5]}""", Colour)]
    [InlineData("""{"name": "x", "shape": [2], "datatype": "INT64", "data": [9, 0]}""", Colour)]
    [InlineData("""{"name": "x", "shape": [2], "datatype": "UINT8", "data": [9, 0]}""", Colour)]
    [InlineData(X, """{"name": "colour", "shape": [2, 1], "datatype": "BYTES", "data": [["blue"], ["red"]]}""")]
    [InlineData(X, """{"name": "colour", "shape": [2], "datatype": "BYTES", "data": ["blue", null]}""")]
    [InlineData(X, """{"name": "member", "shape": [2, 1], "datatype": "BOOL", "data": [[true], [false]]}""")]
    [InlineData("""{"name": "x", "shape": [2], "datatype": "FP64", "data": [9.5, 0.5], "parameters": {"content_type": "np"}}""",
        """{"name": "colour", "shape": [2], "datatype": "BYTES", "data": ["blue", "red"], "parameters": {"content_type": "str", "binary_data_size": false}}""")]
    public async Task Infer_reads_every_encoding_of_the_same_rows_alike(string first, string second)
    {
        var (status, answer) = await toy.InferAsync("{\"inputs\": [" + first + ", " + second + "], \"parameters\": {\"content_type\": \"pd\", \"binary_data_output\": false}}");

        Assert.True(status == HttpStatusCode.OK, answer.GetRawText());
        var outputs = answer.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(["yes", "no"], outputs["label"].GetProperty("data").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([2], outputs["score"].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
    }

    [Fact]
    public async Task Model_metadata_lists_each_field_with_the_datatype_it_takes()
    {
        var metadata = (await toy.Client.GetAsync("/v2/models/toy")).Content.ReadAsStringAsync();
        var inputs = System.Text.Json.JsonDocument.Parse(await metadata).RootElement.GetProperty("inputs").EnumerateArray()
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("datatype").GetString());

        Assert.Equal(new Dictionary<string, string?> { ["x"] = "FP64", ["colour"] = "BYTES", ["member"] = "BOOL" }, inputs);
    }

    [Theory]
    [InlineData("{\"inputs\": [", 400, "not valid JSON")]
    [InlineData("[" + X + "]", 400, "must be a JSON object")]
    [InlineData("{}", 400, "needs \"inputs\"")]
    [InlineData("{\"inputs\": []}", 400, "needs \"inputs\"")]
    [InlineData("{\"inputs\": {\"x\": [9.5]}}", 400, "needs \"inputs\"")]
    [InlineData("{\"inputs\": [9.5]}", 400, "each input is a tensor")]
    [InlineData("""{"inputs": [{"shape": [1], "datatype": "FP64", "data": [9.5]}]}""", 400, "needs a \"name\"")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1], "data": [9.5]}]}""", 400, "input 'x' needs a \"datatype\"")]
    [InlineData("""{"inputs": [{"name": "x", "datatype": "FP64", "data": [9.5]}]}""", 400, "input 'x' needs a \"shape\"")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1], "datatype": "FP64"}]}""", 400, "input 'x' needs \"data\"")]
    [InlineData("""{"inputs": [{"name": "size", "shape": [1], "datatype": "FP64", "data": [1]}]}""", 400, "'size' is not an input of this model (inputs: ")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1], "datatype": "FP128", "data": [1]}]}""", 400, "'FP128' is not a datatype of the protocol")]
    [InlineData("""{"inputs": [{"name": "colour", "shape": [1], "datatype": "FP32", "data": [1]}]}""", 400, "input 'colour' is a category field: its datatype is BYTES, not FP32")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1], "datatype": "BYTES", "data": ["9.5"]}]}""", 400, "input 'x' is a number field: its datatype is numeric")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1], "datatype": "INT64", "data": ["9"]}]}""", 400, "input 'x' is INT64, but value 1 ('\"9\"') is not a whole number")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1], "datatype": "INT64", "data": [1.5]}]}""", 400, "input 'x' is INT64, but value 1 ('1.5') is not a whole number")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [2], "datatype": "INT8", "data": [1, 300]}]}""", 400, "input 'x' is INT8, but value 2 ('300') is not a whole number from -128 to 127")]
    [InlineData("""{"inputs": [{"name": "member", "shape": [1], "datatype": "BOOL", "data": [1]}]}""", 400, "input 'member' is BOOL, but value 1 ('1') is not true or false")]
    [InlineData("""{"inputs": [{"name": "colour", "shape": [1], "datatype": "BYTES", "data": [1]}]}""", 400, "input 'colour' is BYTES, but value 1 ('1') is not a string")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "data": [1e39]}]}""", 400, "is not a number within FP32's range")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [2], "datatype": "FP64", "data": [1, 2, 3]}]}""", 400, "input 'x' has shape [2] but 3 values")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [2, 2], "datatype": "FP64", "data": [[1, 2], [3, 4]]}]}""", 400, "input 'x' has shape [2, 2]; a tensor holds one field, one value per row, so its shape is [rows] or [rows, 1]")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [], "datatype": "FP64", "data": [1]}]}""", 400, "its shape is [rows] or [rows, 1]")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [-1], "datatype": "FP64", "data": [1]}]}""", 400, "input 'x' has a shape whose dimensions are not all whole numbers of 0 or more")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [0], "datatype": "FP64", "data": []}]}""", 400, "a request holds 1 to 1,000 rows")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [2], "datatype": "FP64", "data": [1, 2]}, {"name": "colour", "shape": [1], "datatype": "BYTES", "data": ["red"]}]}""", 400,
        "input 'colour' has 1 row but input 'x' has 2 rows; every input holds one value per row")]
    [InlineData("{\"inputs\": [" + X + ", " + X + "]}", 400, "input 'x' is given twice")]
    [InlineData("{\"id\": 42, \"inputs\": [" + X + "]}", 400, "\"id\" must be a string")]
    [InlineData("{\"parameters\": [1], \"inputs\": [" + X + "]}", 400, "\"parameters\" of the request must be an object")]
    [InlineData("{\"parameters\": {\"binary_data_output\": true}, \"inputs\": [" + X + "]}", 400, "the request asks for binary tensor data (\"binary_data_output\")")]
    [InlineData("{\"inputs\": [" + X + "], \"outputs\": [{\"name\": \"label\", \"parameters\": {\"binary_data\": true}}]}", 400, "output 'label' asks for binary tensor data (\"binary_data\")")]
    [InlineData("{\"inputs\": [" + X + "], \"outputs\": [{\"name\": \"label\", \"parameters\": {\"classification\": 2}}]}", 400, "output 'label' asks for top classes (\"classification\")")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1], "datatype": "FP64", "parameters": {"binary_data_size": 8}}]}""", 400, "input 'x' asks for binary tensor data (\"binary_data_size\")")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1], "datatype": "FP64", "parameters": {"shared_memory_region": "r0"}}]}""", 400, "input 'x' asks for a tensor in shared memory (\"shared_memory_region\")")]
    [InlineData("{\"inputs\": [" + X + "], \"outputs\": {\"name\": \"label\"}}", 400, "\"outputs\" must be a list")]
    [InlineData("{\"inputs\": [" + X + "], \"outputs\": [{\"name\": \"probability\"}]}", 400, "'probability' is not an output of this model (outputs: label, score, route)")]
    public async Task A_bad_infer_request_gets_a_4xx_with_the_protocols_error_body_naming_the_problem(string body, int status, string expected)
    {
        var (answered, answer) = await toy.InferAsync(body);

        Assert.Equal((HttpStatusCode)status, answered);
        Assert.Contains(expected, answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_body_sent_as_another_content_type_gets_415_with_the_protocols_error_body()
    {
        var (status, answer) = await toy.InferAsync("{\"inputs\": [" + X + "]}", contentType: "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("the request body must be JSON (Content-Type: application/json)", answer.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(1000, 200)]
    [InlineData(1001, 400)]
    public async Task Infer_takes_up_to_1000_rows(int rows, int status)
    {
        var data = string.Join(", ", Enumerable.Repeat("9.5", rows));

        var (answered, answer) = await toy.InferAsync("{\"inputs\": [{\"name\": \"x\", \"shape\": [" + rows + "], \"datatype\": \"FP64\", \"data\": [" + data + "]}]}");

        Assert.Equal((HttpStatusCode)status, answered);
        if (status == 400)
        {
            Assert.Equal("input 'x' has shape [1001]: a request holds 1 to 1,000 rows", answer.GetProperty("error").GetString());
        }
        else
        {
            Assert.Equal(rows, answer.GetProperty("outputs")[0].GetProperty("data").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("/v2/models/nope/infer", 404, "no model 'nope'")]
    [InlineData("/v2/models/toy/versions/abc/infer", 400, "'abc' is not a version number of 'toy'")]
    [InlineData("/v2/models/toy/versions/99/infer", 404, "no version 99 of 'toy'")]
    public async Task Infer_on_a_model_or_version_that_does_not_exist_gets_the_protocols_error_body(string path, int status, string expected)
    {
        var (answered, answer) = await toy.InferAsync("{\"inputs\": [" + X + "]}", path);

        Assert.Equal((HttpStatusCode)status, answered);
        Assert.Equal(expected, answer.GetProperty("error").GetString());
    }
}
