using System.Diagnostics;

namespace Portal.Harness.Infrastructure;

/// <summary>
/// A .gcdump of this process (object graph with counts and sizes by type, no memory contents) taken by the dotnet-gcdump
/// global tool, so two states of the process can be compared type by type (`dotnet-gcdump report`). A missing tool or a
/// failure is reported, not thrown.
/// </summary>
internal static class GcDump
{
    public static void Write(string folder, string name)
    {
        var path = Path.GetFullPath(Path.Combine(folder, $"{name}.gcdump"));
        var tool = FindTool();
        if (tool is null)
        {
            Console.WriteLine("    gcdump skipped: dotnet-gcdump not found (dotnet tool install -g dotnet-gcdump)");
            return;
        }
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo(tool, ["collect", "-p", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Console.WriteLine(process.ExitCode == 0 ? $"    gcdump: {path}" : $"    gcdump failed ({process.ExitCode}): {error.Trim()}");
    }

    private static string? FindTool()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(home, ".dotnet", "tools"))
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "dotnet-gcdump.exe" : "dotnet-gcdump"));
        return candidates.FirstOrDefault(File.Exists);
    }
}
