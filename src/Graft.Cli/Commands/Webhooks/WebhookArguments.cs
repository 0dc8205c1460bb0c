using System.CommandLine;

namespace Graft.Cli.Commands.Webhooks;

/// <summary>What the webhook verbs that list take alike.</summary>
internal static class WebhookArguments
{
    /// <summary>The use case to list for; without it, every use case's.</summary>
    public static Argument<string?> UseCase() => new("usecase") { Description = "Only this use case's (default: every use case's)", Arity = ArgumentArity.ZeroOrOne };
}
