namespace Portal.Harness.Infrastructure;

internal static class Repository
{
    /// <summary>The folder holding Portal.sln, found upwards from the harness's output.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Run the harness from inside the repository.");
    }
}
