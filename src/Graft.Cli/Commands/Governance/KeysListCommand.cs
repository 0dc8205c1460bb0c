using System.CommandLine;
using Graft.Governance;
using Spectre.Console;

namespace Graft.Cli.Commands.Governance;

/// <summary><c>graft keys list</c>: ids, roles and state; never secrets.</summary>
public static class KeysListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List API keys (never their secrets).");
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var keys = await new KeyStore(home).ListAsync(cancellationToken);
            string State(ApiKey k) => k.RevokedAt is not null ? "revoked" : k.IsActive(home.Now) ? "active" : "expired";
            if (context.Json)
            {
                context.WriteJson(keys.Select(k => new
                {
                    id = k.Id, role = k.Role.ToString().ToLowerInvariant(), use_case = k.UseCaseId, name = k.Name,
                    state = State(k), created_at = k.CreatedAt, expires_at = k.ExpiresAt, revoked_at = k.RevokedAt,
                }));
                return 0;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("id", "role", "use case", "name", "state", "created", "expires");
            foreach (var k in keys)
            {
                table.AddRow(k.Id, k.Role.ToString().ToLowerInvariant(), Markup.Escape(k.UseCaseId ?? "-"), Markup.Escape(k.Name ?? "-"),
                    State(k), $"{k.CreatedAt:yyyy-MM-dd HH:mm}", k.ExpiresAt is { } e ? $"{e:yyyy-MM-dd HH:mm}" : "-");
            }
            context.Out.Write(table);
            return 0;
        });
        return command;
    }
}
