using Graft.Data;

namespace Graft.Tests;

/// <summary>
/// Finds the shared public datasets: a <c>shared/datasets</c> folder beside the repository (in CI the layout is
/// <c>&lt;tmp&gt;/repo</c> and <c>&lt;tmp&gt;/shared</c>), found by walking up from the test binaries.
/// </summary>
internal static class TestData
{
    public static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var datasets = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(datasets))
            {
                return Path.Combine(datasets, relative);
            }
        }
        throw new DirectoryNotFoundException($"no shared/datasets folder above {AppContext.BaseDirectory}");
    }

    public static Frame Load(string relative)
    {
        var path = PathOf(relative);
        return DelimitedFile.Read(File.ReadAllBytes(path), Path.GetFileName(path));
    }

    /// <summary>The repository's root: the folder above the test binaries that holds the solution file.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Graft.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no Graft.slnx above {AppContext.BaseDirectory}");
    }
}
