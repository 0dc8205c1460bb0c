using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Graft.Server.Problems;

/// <summary>
/// The safety net: answers an expected failure that reached no handler's signature (see <see cref="ExpectedFailure"/>)
/// as ProblemDetails with its stable type, and a request the server refused itself (a body over its size limit, a
/// truncated body) with that status. Anything else is a bug and stays a 500.
/// </summary>
public sealed class FailureHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            // the caller's doing
            httpContext.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = bad.StatusCode, Title = "the request was refused", Detail = bad.Message },
            });
        }
        if (ExpectedFailure.Of(exception) is not { } failure)
        {
            return false;
        }
        var result = failure.Problem();
        httpContext.Response.StatusCode = result.StatusCode!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = result.Value });
    }
}
