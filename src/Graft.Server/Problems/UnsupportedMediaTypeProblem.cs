using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Graft.Server.Problems;

/// <summary>415: the body is not of a content type the route reads.</summary>
public sealed class UnsupportedMediaTypeProblem(string detail) : ProblemResult(Status, "https://graft.dev/problems/unsupported-media-type", detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status415UnsupportedMediaType;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status);
}
