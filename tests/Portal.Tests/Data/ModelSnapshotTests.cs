using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>
/// What start-up no longer checks. Migrate skips its "pending model changes" check (it built the design-time model and
/// diffed it at every start) and SQLite runs on a compiled model (src/Portal/Data/CompiledModels/Sqlite), so these tests
/// are what stop a model change from shipping without its migrations or with a stale compiled model.
/// Both providers are checked in every run: neither check opens a connection.
/// </summary>
public sealed partial class ModelSnapshotTests
{
    private const string CompiledModelFolder = "src/Portal/Data/CompiledModels/Sqlite";
    private const string CompiledModelNamespace = "Portal.Data.CompiledModels.Sqlite";

    [Fact]
    public void Sqlite_migrations_cover_the_model()
    {
        using var db = RuntimeModelSqliteContext();
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes the SQLite migrations do not have: add a migration (see README, Migrations).");
    }

    [Fact]
    public void PostgreSql_migrations_cover_the_model()
    {
        using var db = new NpgsqlPortalDbContext(new DbContextOptionsBuilder<NpgsqlPortalDbContext>()
            .UseNpgsql("Host=localhost;Database=portal_model_check").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes the PostgreSQL migrations do not have: add a migration (see README, Migrations).");
    }

    [Fact]
    public void The_committed_compiled_model_is_what_dotnet_ef_dbcontext_optimize_generates_now()
    {
        var output = Directory.CreateTempSubdirectory("compiled-model-").FullName;
        try
        {
            using var db = RuntimeModelSqliteContext();
            // The services `dotnet ef dbcontext optimize` uses, over the model built at runtime from the entity configuration.
#pragma warning disable EF1001 // Internal EF Core API: the design-time service container the dotnet-ef tool builds.
            var assembly = typeof(PortalDbContext).Assembly;
            var services = new DesignTimeServicesBuilder(assembly, assembly, new OperationReporter(handler: null), []).Build(db);
#pragma warning restore EF1001
            var generated = services.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(
                db.GetService<IDesignTimeModel>().Model,
                output,
                new CompiledModelCodeGenerationOptions
                {
                    ContextType = typeof(SqlitePortalDbContext),
                    ModelNamespace = CompiledModelNamespace,
                    Language = "C#",
                    UseNullableReferenceTypes = true,
                });

            var committed = Path.Combine(Repository.Root, CompiledModelFolder);
            var stale = new List<string>();
            // The assembly attribute file is left out on purpose: the portal picks the model with UseModel, for SQLite only.
            var fresh = generated.Select(Path.GetFileName).Where(name => !name!.EndsWith("AssemblyAttributes.cs", StringComparison.Ordinal)).ToHashSet();
            foreach (var name in fresh)
            {
                var path = Path.Combine(committed, name!);
                if (!File.Exists(path) || Normalize(File.ReadAllText(path)) != Normalize(File.ReadAllText(Path.Combine(output, name!))))
                {
                    stale.Add(name!);
                }
            }
            stale.AddRange(Directory.GetFiles(committed, "*.cs").Select(Path.GetFileName).Where(name => !fresh.Contains(name)).Select(name => name + " (no longer generated)")!);
            Assert.True(stale.Count == 0,
                $"The compiled model in {CompiledModelFolder} is stale ({string.Join(", ", stale)}). Regenerate it (see README, Compiled model).");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    // Without UseModel: the model is built from the entity configuration, as the design-time tools build it.
    private static SqlitePortalDbContext RuntimeModelSqliteContext() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options);

    // Each generation draws a new model id; everything else must match.
    private static string Normalize(string code) =>
        ModelId().Replace(code.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Trim(), "modelId: new Guid()");

    [GeneratedRegex("""modelId: new Guid\("[0-9a-f-]{36}"\)""")]
    private static partial Regex ModelId();
}
