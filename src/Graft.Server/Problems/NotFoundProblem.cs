using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Graft.Server.Problems;

/// <summary>404: what the request names does not exist.</summary>
public sealed class NotFoundProblem(string detail) : ProblemResult(Status, "https://graft.dev/problems/not-found", detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status404NotFound;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status);
}
