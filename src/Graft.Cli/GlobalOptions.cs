using System.CommandLine;

namespace Graft.Cli;

/// <summary>Options every command takes: where the store lives, and machine-readable output.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Folder of the Graft store (default: $GRAFT_HOME, else ./.graft)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON on stdout (field names are documented in docs/cli.md)",
        Recursive = true,
    };
}
