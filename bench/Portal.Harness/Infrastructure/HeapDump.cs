using Microsoft.Diagnostics.NETCore.Client;

namespace Portal.Harness.Infrastructure;

/// <summary>
/// A dump of this process with its managed heap (the runtime's createdump, asked through the diagnostics port), to open in
/// dotnet-dump or Visual Studio. A failure (no ptrace in a container, a full disk) is reported, not thrown: the figures matter more.
/// </summary>
internal static class HeapDump
{
    public static void Write(string folder, string name)
    {
        var path = Path.GetFullPath(Path.Combine(folder, $"{name}.dmp"));
        try
        {
            Directory.CreateDirectory(folder);
            new DiagnosticsClient(Environment.ProcessId).WriteDump(DumpType.WithHeap, path);
            Console.WriteLine($"    heap dump: {path}");
        }
        catch (Exception e) when (e is ServerErrorException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            Console.WriteLine($"    heap dump skipped: {e.Message}");
        }
    }
}
