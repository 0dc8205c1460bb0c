using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Graft.Server.Problems;

/// <summary>
/// An expected failure answered as ProblemDetails (<c>application/problem+json</c>) with a stable <c>type</c>. Each kind is
/// a class of its own with its status, so that a handler's <c>Results&lt;…&gt;</c> names the failures it answers with and
/// the OpenAPI document lists them, with their body.
/// </summary>
public abstract class ProblemResult : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public const string ContentType = "application/problem+json";

    private readonly ProblemHttpResult _problem;

    protected ProblemResult(int status, string type, string detail) =>
        _problem = TypedResults.Problem(detail, statusCode: status, type: type);

    public int? StatusCode => _problem.StatusCode;

    public ProblemDetails Value => _problem.ProblemDetails;

    object? IValueHttpResult.Value => Value;

    public Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    /// <summary>Lists <paramref name="status"/> with a ProblemDetails body among the endpoint's answers.</summary>
    protected static void Declare(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ContentType]));
}
