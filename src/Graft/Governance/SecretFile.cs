using System.Text;

namespace Graft.Governance;

/// <summary>
/// A secret kept in a file beside the store rather than in its database (so a copy of graft.db does not carry it): made
/// once, readable by its owner only, written whole under another name and then moved into place, so that another
/// process never reads half of it. When two processes make it at once, the first one's stays.
/// </summary>
internal static class SecretFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> unless the file is already there.</summary>
    public static void CreateOnce(string path, string text)
    {
        var draft = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new StreamWriter(draft, new UTF8Encoding(false), options))
        {
            file.Write(text);
        }
        try
        {
            File.Move(draft, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(draft);
            // another process made it first: use theirs
        }
    }
}
