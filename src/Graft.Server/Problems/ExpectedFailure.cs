using System.Runtime.ExceptionServices;
using Graft.Data;
using Graft.Training.Rules;
using Graft.UseCases;
using Microsoft.AspNetCore.Http;

namespace Graft.Server.Problems;

/// <summary>
/// An expected failure the library threw (<see cref="GraftException"/>; a malformed spec, file or rule), caught where a
/// handler calls it and answered as one of the values the handler's signature lists, so that the signature is the truth:
/// <code>
/// var (result, failure) = await ExpectedFailure.CatchAsync(registry.PromoteAsync(…));
/// return failure is null ? TypedResults.Ok(result) : failure.Kind == FailureKind.NotFound ? failure.NotFound() : failure.Conflict();
/// </code>
/// A failure of a kind the handler does not expect is thrown again, to <see cref="FailureHandler"/>, the safety net,
/// which answers it all the same.
/// </summary>
public sealed class ExpectedFailure
{
    private readonly ExceptionDispatchInfo _thrown;

    private ExpectedFailure(FailureKind kind, Exception thrown)
    {
        Kind = kind;
        _thrown = ExceptionDispatchInfo.Capture(thrown);
    }

    public FailureKind Kind { get; }

    public string Message => _thrown.SourceException.Message;

    /// <summary>The expected failure an exception is, or null for one that is a bug or an infrastructure failure.</summary>
    public static ExpectedFailure? Of(Exception exception) => exception switch
    {
        GraftException g => new(g.Kind, g),
        SpecException or DataFormatException or RuleSyntaxException => new(FailureKind.Invalid, exception),
        _ => null,
    };

    /// <summary>Awaits library work; its expected failure is returned as a value, anything else is thrown.</summary>
    public static async Task<(T Value, ExpectedFailure? Failure)> CatchAsync<T>(Task<T> work)
    {
        try
        {
            return (await work, null);
        }
        catch (Exception e) when (Of(e) is { } failure)
        {
            return (default!, failure);
        }
    }

    /// <summary>Awaits library work that returns nothing; its expected failure is returned, anything else is thrown.</summary>
    public static async Task<ExpectedFailure?> CatchAsync(Task work)
    {
        try
        {
            await work;
            return null;
        }
        catch (Exception e) when (Of(e) is { } failure)
        {
            return failure;
        }
    }

    /// <summary>The HTTP status of a kind of failure, for routes that answer in another shape than ProblemDetails.</summary>
    public static int StatusOf(FailureKind kind) => kind switch
    {
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict or FailureKind.Blocked => StatusCodes.Status409Conflict,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    public NotFoundProblem NotFound() => Kind == FailureKind.NotFound ? new(Message) : Unexpected<NotFoundProblem>();

    public ConflictProblem Conflict() =>
        Kind is FailureKind.Conflict or FailureKind.Blocked ? new(Message, blocked: Kind == FailureKind.Blocked) : Unexpected<ConflictProblem>();

    public InvalidProblem Invalid() => Kind == FailureKind.Invalid ? new(Message) : Unexpected<InvalidProblem>();

    public ForbiddenProblem Forbidden() => Kind == FailureKind.Forbidden ? new(Message) : Unexpected<ForbiddenProblem>();

    /// <summary>This failure as the problem of its kind, for the safety net that answers whatever a handler did not.</summary>
    public ProblemResult Problem() => Kind switch
    {
        FailureKind.NotFound => NotFound(),
        FailureKind.Conflict or FailureKind.Blocked => Conflict(),
        FailureKind.Forbidden => Forbidden(),
        _ => Invalid(),
    };

    private T Unexpected<T>()
    {
        _thrown.Throw();
        return default!;
    }
}
