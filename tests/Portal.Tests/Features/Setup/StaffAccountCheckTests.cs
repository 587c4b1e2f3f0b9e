using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Setup;
using Portal.Features.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Setup;

/// <summary>The first-run question, asked with one plain statement (StaffAccountCheck) on SQLite and PostgreSQL alike.</summary>
public sealed class StaffAccountCheckTests
{
    [Fact]
    public async Task It_says_no_before_the_first_account_and_yes_once_one_exists()
    {
        using var factory = PortalFactory.Create(bootstrapAdmin: false);
        _ = factory.Server;
        var check = factory.Services.GetRequiredService<StaffAccountCheck>();

        Assert.False(await check.AnyAsync());
        await factory.CreateStaffAsync("Admin");
        Assert.True(await check.AnyAsync());
    }

    [Fact]
    public void Its_table_is_the_one_the_EF_model_maps_staff_accounts_to()
    {
        using var factory = PortalFactory.Create();
        _ = factory.Server;
        using var db = factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        Assert.Equal(StaffAccountCheck.UsersTable, db.Model.FindEntityType(typeof(StaffUser))!.GetTableName());
    }
}
