using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Graft.Server.Problems;

/// <summary>413: the body is larger than the route takes.</summary>
public sealed class TooLargeProblem(string detail) : ProblemResult(Status, "https://graft.dev/problems/too-large", detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status413PayloadTooLarge;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status);
}
