using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Graft.Server.Problems;

/// <summary>
/// Answers a route gives before or beside its handler (a key refused, a body the framework cannot bind), declared once
/// for the routes that share them, so that the OpenAPI document lists them with their ProblemDetails body.
/// </summary>
public static class ProblemDeclarations
{
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.Produces(status, typeof(ProblemDetails), ProblemResult.ContentType);
        }
        return builder;
    }

    /// <summary>Lists <paramref name="status"/> with a body of <paramref name="body"/> among the route's answers.</summary>
    public static TBuilder Produces<TBuilder>(this TBuilder builder, int status, Type body, string contentType = "application/json")
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(status, body, [contentType]));

    /// <summary>
    /// A route that binds a JSON body: 400 when it is not JSON of the request's shape, 413 over the server's 16 MiB, 415
    /// when it is sent as another content type.
    /// </summary>
    public static TBuilder ProducesJsonBodyProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
}
