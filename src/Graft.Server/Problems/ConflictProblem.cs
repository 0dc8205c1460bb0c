using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Graft.Server.Problems;

/// <summary>409: the state does not allow it (a version that cannot be served, nothing to roll back) or a gate blocks it.</summary>
public sealed class ConflictProblem(string detail, bool blocked = false)
    : ProblemResult(Status, blocked ? "https://graft.dev/problems/blocked" : "https://graft.dev/problems/conflict", detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status409Conflict;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status);
}
