using System.CommandLine;
using Graft.Data;
using Graft.Training.Rules;
using Graft.UseCases;

namespace Graft.Cli;

/// <summary>
/// The one place failures become exit codes: a user's mistake is a single line on stderr naming the problem
/// and a non-zero exit, never a stack trace. Codes: 2 invalid input, 3 not found, 4 conflict, 5 blocked by a
/// gate or finding, 6 forbidden, 7 an audit trail that does not verify (<c>graft trail verify</c>), 130 cancelled, 1
/// anything unexpected.
/// </summary>
public static class CommandAction
{
    public static void Set(Command command, Func<CliContext, ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CliContext(parse);
            try
            {
                return await action(context, parse, cancellationToken);
            }
            catch (Exception e) when (ExitCode(e) is { } code)
            {
                Console.Error.WriteLine($"graft: {e.Message}");
                return code;
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"graft: unexpected error: {e.Message.Split('\n')[0]}");
                if (Environment.GetEnvironmentVariable("GRAFT_DEBUG") is not null)
                {
                    Console.Error.WriteLine(e);
                }
                return 1;
            }
        });

    private static int? ExitCode(Exception e) => e switch
    {
        GraftException g => g.Kind switch
        {
            FailureKind.Invalid => 2,
            FailureKind.NotFound => 3,
            FailureKind.Conflict => 4,
            FailureKind.Blocked => 5,
            _ => 6,
        },
        SpecException or DataFormatException or RuleSyntaxException => 2,
        OperationCanceledException => 130,
        _ => null,
    };
}
