using System.CommandLine;
using System.Globalization;
using Graft.Governance;
using Spectre.Console;

namespace Graft.Cli.Commands.Governance;

/// <summary><c>graft keys create --role &lt;role&gt; [--usecase id] [--expires 30d|date]</c>: the secret is printed once.</summary>
public static class KeysCreateCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "admin, maintainer, reviewer, viewer or app", Required = true };
        role.AcceptOnlyFromAmong("admin", "maintainer", "reviewer", "viewer", "app");
        var useCase = new Option<string?>("--usecase") { Description = "Limit the key to one use case (required for app keys)" };
        var expires = new Option<string?>("--expires") { Description = "When the key stops working: a duration (90d, 12h) or a date (2027-01-31)" };
        var name = new Option<string?>("--name") { Description = "What the key is for, e.g. the app that holds it" };
        var command = new Command("create", "Create an API key; its secret is shown once.") { role, useCase, expires, name };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var expiry = Expiry(parse.GetValue(expires), home.Now);
            var created = await new KeyStore(home).CreateAsync(
                Enum.Parse<Role>(parse.GetValue(role)!, ignoreCase: true), parse.GetValue(useCase), expiry, parse.GetValue(name), context.Operator, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(new
                {
                    id = created.Key.Id, key = created.Secret, role = created.Key.Role.ToString().ToLowerInvariant(),
                    use_case = created.Key.UseCaseId, expires_at = created.Key.ExpiresAt,
                });
                return 0;
            }
            context.Out.WriteLine(created.Secret!);
            context.Note($"key {created.Key.Id} ({created.Key.Role.ToString().ToLowerInvariant()}); the secret above is shown only now");
            return 0;
        });
        return command;
    }

    private static DateTime? Expiry(string? text, DateTime now)
    {
        if (text is null)
        {
            return null;
        }
        if (text.Length > 1 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 'd': return now.AddDays(amount);
                case 'h': return now.AddHours(amount);
            }
        }
        return Graft.Data.Values.TryDate(text, out var date)
            ? date
            : throw GraftException.Invalid($"--expires '{text}' is neither a duration like 90d or 12h nor a date like 2027-01-31");
    }
}
