using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Graft.Server.Problems;

/// <summary>400: the request is not valid: a malformed spec, file or rule, or a value the library refuses.</summary>
public sealed class InvalidProblem(string detail) : ProblemResult(Status, "https://graft.dev/problems/invalid", detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status400BadRequest;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status);
}
