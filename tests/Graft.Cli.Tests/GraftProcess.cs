using System.Diagnostics;
using System.Text.Json;

namespace Graft.Cli.Tests;

/// <summary>Runs the real `graft` binary (the built graft.dll) against a temporary store, as a user would.</summary>
public sealed class GraftProcess : IDisposable
{
    public GraftProcess()
    {
        Root = Path.Combine(Path.GetTempPath(), "graft-cli-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string DataDir => Path.Combine(Root, "store");

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        using var process = Start(args, new Dictionary<string, string>());
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts graft without waiting for it, for commands that keep running (serve).</summary>
    public Process Start(string[] args, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "graft.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["GRAFT_HOME"] = DataDir;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is not worth failing a test over
        }
    }

    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public JsonElement Json => JsonDocument.Parse(Out).RootElement;

        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}";

        /// <summary>A user's mistake as the CLI reports it: the exit code, one line on stderr saying what, no stack trace, nothing on stdout.</summary>
        public void AssertOneLineFailure(int code, string expected)
        {
            Assert.True(code == ExitCode, ToString());
            var lines = Err.Trim().Split('\n');
            Assert.Single(lines);
            Assert.Contains(expected, lines[0]);
            Assert.DoesNotContain("   at ", Err);
            Assert.Equal("", Out);
        }
    }
}
