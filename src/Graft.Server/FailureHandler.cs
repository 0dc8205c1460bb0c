using Graft.Data;
using Graft.Training.Rules;
using Graft.UseCases;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Graft.Server;

/// <summary>
/// Turns the library's expected failures (not found, invalid input, conflict, blocked; malformed specs, files and
/// rules) into ProblemDetails with a stable type, so handlers stay straight-line. Anything else is a bug and
/// stays a 500.
/// </summary>
public sealed class FailureHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (kind, message) = exception switch
        {
            GraftException g => (g.Kind, g.Message),
            SpecException or DataFormatException or RuleSyntaxException => (FailureKind.Invalid, exception.Message),
            _ => ((FailureKind?)null, ""),
        };
        if (exception is BadHttpRequestException bad)
        {
            // the server refused the request itself (a body over its size limit, a truncated body): the caller's doing
            httpContext.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = bad.StatusCode, Title = "the request was refused", Detail = bad.Message },
            });
        }
        if (kind is null)
        {
            return false;
        }
        var result = Problems.From(kind.Value, message);
        httpContext.Response.StatusCode = result.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = result.ProblemDetails });
    }
}
