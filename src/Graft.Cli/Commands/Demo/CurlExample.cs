using System.Text.Json;
using Graft.Data;
using Graft.Registry;

namespace Graft.Cli.Commands.Demo;

/// <summary>A ready-to-paste curl that asks the service for a prediction on the first row of the data.</summary>
internal static class CurlExample
{
    public static string For(string useCase, ModelCard card, Frame frame, string urls, string? entity)
    {
        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var input in card.Inputs)
        {
            var value = frame.Contains(input.Field) ? frame.Column(input.Field)[0] : null;
            inputs[input.Field] = input.Kind == Graft.Training.InputKind.Numeric && value is not null && Values.TryNumber(value, out var n) ? n : value;
        }
        var body = JsonSerializer.Serialize(new { entity_id = entity is null ? null : frame.Column(entity)[0], inputs });
        return $"curl -s {urls}/v1/usecases/{useCase}/predict \\\n" +
               "  -H \"Authorization: Bearer $GRAFT_KEY\" -H \"Content-Type: application/json\" \\\n" +
               $"  -d '{body.Replace("'", "'\\''", StringComparison.Ordinal)}'";
    }
}
