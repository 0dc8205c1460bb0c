using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Graft.Server.Problems;

/// <summary>403: the key's role may route to this, but not do what the body asks (override a gate without being an admin).</summary>
public sealed class ForbiddenProblem(string detail) : ProblemResult(Status, "https://graft.dev/problems/forbidden", detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status403Forbidden;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status);
}
