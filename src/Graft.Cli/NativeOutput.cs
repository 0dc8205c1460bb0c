using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Graft.Cli;

/// <summary>
/// Keeps stdout for Graft's data. Native libraries (LightGBM) print diagnostics straight to file descriptor 1,
/// which would corrupt `--json` output; on Unix, descriptor 1 is pointed at stderr and .NET's Console.Out keeps
/// writing to the original stdout through a duplicate of it.
/// </summary>
internal static partial class NativeOutput
{
    public static void KeepStdoutForData()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }
        var original = Dup(1);
        if (original < 0 || Dup2(2, 1) < 0)
        {
            return;
        }
        var stream = new FileStream(new SafeFileHandle(original, ownsHandle: true), FileAccess.Write);
        Console.SetOut(new StreamWriter(stream) { AutoFlush = true });
    }

    [LibraryImport("libc", EntryPoint = "dup")]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int oldFd, int newFd);
}
