using Graft.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Graft.Tests.Storage;

/// <summary>A fresh Graft store in a temporary folder, with a fake clock; removed when disposed.</summary>
public sealed class TempHome : IAsyncDisposable
{
    private TempHome(string root, GraftHome home, FakeTimeProvider time)
    {
        Root = root;
        Home = home;
        Time = time;
    }

    public string Root { get; }

    public GraftHome Home { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<TempHome> CreateAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "graft-test-" + Guid.NewGuid().ToString("N")[..10]);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
        return new TempHome(root, await GraftHome.OpenAsync(root, time), time);
    }

    public string File(string name, string content)
    {
        var path = Path.Combine(Root, "input", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is not worth failing a test over
        }
        return ValueTask.CompletedTask;
    }
}
