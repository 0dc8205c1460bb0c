using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Graft.Server;

/// <summary>Expected failures as ProblemDetails with a stable type per kind.</summary>
public static class Problems
{
    public static ProblemHttpResult From(FailureKind kind, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusOf(kind), type: kind switch
        {
            FailureKind.NotFound => "https://graft.dev/problems/not-found",
            FailureKind.Conflict => "https://graft.dev/problems/conflict",
            FailureKind.Blocked => "https://graft.dev/problems/blocked",
            _ => "https://graft.dev/problems/invalid",
        });

    /// <summary>The HTTP status of an expected failure, for routes that answer in another shape than ProblemDetails.</summary>
    public static int StatusOf(FailureKind kind) => kind switch
    {
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict or FailureKind.Blocked => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
