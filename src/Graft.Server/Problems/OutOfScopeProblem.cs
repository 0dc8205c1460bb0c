using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Graft.Server.Problems;

/// <summary>403: the key is limited to another use case than the one the request touches (see <see cref="Governance.UseCaseScope"/>).</summary>
public sealed class OutOfScopeProblem(string detail) : ProblemResult(Status, "https://graft.dev/problems/out-of-scope", detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status403Forbidden;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status);
}
