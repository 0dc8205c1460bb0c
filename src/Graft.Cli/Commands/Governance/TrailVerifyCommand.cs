using System.CommandLine;
using Graft.Governance;
using Spectre.Console;

namespace Graft.Cli.Commands.Governance;

/// <summary>
/// <c>graft trail verify [--checkpoints file]</c>: recomputes every entry's hash and link, and checks every checkpoint (the
/// store's and a kept file's). A trail that does not verify exits <see cref="NotVerified"/>, naming its first bad entry.
/// </summary>
public static class TrailVerifyCommand
{
    /// <summary>The exit code of a trail that does not verify.</summary>
    public const int NotVerified = 7;

    public static Command Create()
    {
        var checkpoints = new Option<string?>("--checkpoints") { Description = "A checkpoints file kept away from the store, to check the trail against as well" };
        var command = new Command("verify", "Check that the audit trail is whole: every entry's hash, its link to the one before, and every signed checkpoint.") { checkpoints };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var verified = await new TrailVerifier(home).VerifyAsync(parse.GetValue(checkpoints), cancellationToken);
            if (context.Json)
            {
                context.WriteJson(verified);
            }
            else if (verified.Ok)
            {
                context.Out.WriteLine($"trail ok: {verified.Entries:N0} entries, {verified.Checkpoints:N0} checkpoints" +
                    (verified.LastHash is { } last ? $", last hash {last}" : ""));
            }
            if (!verified.Ok)
            {
                Console.Error.WriteLine($"graft: the trail does not verify at entry {verified.FirstBad}: {verified.Problem}");
            }
            return verified.Ok ? 0 : NotVerified;
        });
        return command;
    }
}
