using System.Text.Json;
using System.Text.Json.Serialization;
using Graft.Serving;

namespace Graft.Server.Serving;

/// <summary>
/// Compile-time JSON metadata for the prediction routes' bodies: a 1,000-row batch is written and read once a
/// request, and the generated code does it without reflection. The naming matches the API's options (snake_case).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, MaxDepth = 32)]
[JsonSerializable(typeof(PredictionRequest))]
[JsonSerializable(typeof(PredictionResponse))]
[JsonSerializable(typeof(BatchPredictionResponse))]
internal sealed partial class ServingJson : JsonSerializerContext;
