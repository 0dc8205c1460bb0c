using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Graft.Server.Problems;

/// <summary>503: the service cannot take the request now (the store does not answer, the queue is full); retrying later may work.</summary>
public sealed class UnavailableProblem(string detail) : ProblemResult(Status, "https://graft.dev/problems/unavailable", detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status503ServiceUnavailable;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status);
}
