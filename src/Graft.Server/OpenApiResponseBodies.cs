using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Graft.Server;

/// <summary>
/// Lists every body a status can have. The generator keeps one type a status (the last declared), but some statuses
/// have several: predict's 200 (one answer or a batch), a 400 that is malformed JSON or invalid inputs, a /v2 403 for a
/// role (ProblemDetails) or for a scope (the protocol's error). Such a status gets each of its content types with its
/// types, several as <c>anyOf</c>. The statuses are listed in order, as a reader looks them up.
/// </summary>
internal sealed class OpenApiResponseBodies : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Where(m => m.Type is not null && m.Type != typeof(void))
            .SelectMany(m => m.ContentTypes.Select(contentType => (m.StatusCode, ContentType: contentType, Type: m.Type!)))
            .Distinct()
            .GroupBy(m => m.StatusCode);
        foreach (var status in declared.Where(s => s.Count() > 1))
        {
            if (operation.Responses?.GetValueOrDefault(status.Key.ToString(CultureInfo.InvariantCulture)) is not OpenApiResponse response)
            {
                continue;
            }
            response.Content = new Dictionary<string, OpenApiMediaType>();
            foreach (var media in status.GroupBy(s => s.ContentType, s => s.Type))
            {
                var schemas = new List<IOpenApiSchema>();
                foreach (var type in media)
                {
                    schemas.Add(await ReferenceAsync(type, context, cancellationToken));
                }
                response.Content[media.Key] = new OpenApiMediaType { Schema = schemas.Count == 1 ? schemas[0] : new OpenApiSchema { AnyOf = schemas } };
            }
        }
        if (operation.Responses is { } responses)
        {
            var ordered = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
            responses.Clear();
            foreach (var (status, response) in ordered)
            {
                responses.Add(status, response);
            }
        }
    }

    private static async Task<IOpenApiSchema> ReferenceAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(type.Name) is not true)
        {
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }
        return new OpenApiSchemaReference(type.Name, document);
    }
}
