using System.CommandLine;
using Graft.Governance;

namespace Graft.Cli.Commands.Governance;

/// <summary><c>graft trail checkpoint</c>: signs the last entry now, rather than at the next thousandth, and files it.</summary>
public static class TrailCheckpointCommand
{
    public static Command Create()
    {
        var command = new Command("checkpoint", "Sign a checkpoint of the audit trail's last entry now, in the store and its checkpoints file.");
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var checkpoint = await new AuditTrail(home).CheckpointAsync(cancellationToken)
                ?? throw GraftException.Conflict("the trail has no entries yet, so there is nothing to sign");
            var view = TrailCheckpointView.Of(checkpoint);
            if (context.Json)
            {
                context.WriteJson(view);
                return 0;
            }
            // Plain writes: hashes and keys are for copying, and a console that wraps long lines would break them.
            context.Stdout.WriteLine($"checkpoint {view.Sequence}, signed {view.At:yyyy-MM-ddTHH:mm:ssZ}: hash {view.Hash}");
            context.Stdout.WriteLine($"public key {view.PublicKey}");
            context.Note($"filed in {TrailCheckpointFile.PathIn(home.Root)}; keep a copy away from the store to verify against");
            return 0;
        });
        return command;
    }
}
