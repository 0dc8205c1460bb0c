using System.CommandLine;
using Graft.Governance;
using Spectre.Console;

namespace Graft.Cli.Commands.Governance;

/// <summary><c>graft keys revoke &lt;id&gt;</c>: the key stops working at once.</summary>
public static class KeysRevokeCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The key id (key_…), as graft keys list shows it" };
        var command = new Command("revoke", "Revoke an API key.") { id };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var key = await new KeyStore(await context.HomeAsync(cancellationToken)).RevokeAsync(parse.GetValue(id)!, context.Operator, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(new { id = key.Id, revoked_at = key.RevokedAt });
            }
            else
            {
                context.Out.WriteLine($"{key.Id}: revoked");
            }
            return 0;
        });
        return command;
    }
}
