using System.Runtime.InteropServices;
using System.Text;

namespace Graft.Cli;

/// <summary>
/// Keeps stdout for Graft's data. Native libraries (LightGBM) print diagnostics straight to file descriptor 1,
/// which would corrupt `--json` output; on Unix, descriptor 1 is pointed at stderr, and .NET's Console.Out
/// keeps writing to the real stdout through the console stream it opened before (a duplicate of descriptor 1,
/// which like any console stream shrugs off a closed pipe such as `| head`).
/// </summary>
internal static partial class NativeOutput
{
    public static void KeepStdoutForData()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }
        var stdout = Console.OpenStandardOutput();
        if (Dup2(2, 1) < 0)
        {
            return;
        }
        Console.SetOut(new StreamWriter(stdout, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true });
    }

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int oldFd, int newFd);
}
