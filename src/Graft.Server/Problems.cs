using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Graft.Server;

/// <summary>Expected failures as ProblemDetails with a stable type per kind.</summary>
public static class Problems
{
    public static ProblemHttpResult From(FailureKind kind, string detail) => kind switch
    {
        FailureKind.NotFound => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, type: "https://graft.dev/problems/not-found"),
        FailureKind.Conflict => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, type: "https://graft.dev/problems/conflict"),
        FailureKind.Blocked => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, type: "https://graft.dev/problems/blocked"),
        _ => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, type: "https://graft.dev/problems/invalid"),
    };
}
