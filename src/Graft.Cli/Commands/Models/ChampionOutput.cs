using Graft.Registry;
using Spectre.Console;

namespace Graft.Cli.Commands.Models;

/// <summary>What promote and rollback print: the champion now and the one before.</summary>
internal static class ChampionOutput
{
    public static void Write(CliContext context, ChampionResult result)
    {
        if (context.Json)
        {
            context.WriteJson(new { use_case = result.UseCase, champion = result.Champion, previous = result.Previous, changed = result.Changed });
            return;
        }
        context.Out.WriteLine(result.Changed
            ? $"{result.UseCase}: champion is now {result.Champion} (was {result.Previous ?? "none"})"
            : $"{result.UseCase}: {result.Champion} is already the champion");
    }
}
