using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Users;

public sealed class UserListOptions
{
    public const string Section = "Portal:UserList";

    /// <summary>How often the shared list is fetched again in the background.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often this instance looks in the shared database for users added elsewhere (another instance, the API) and then
    /// fetches the list at once instead of waiting for <see cref="RefreshInterval"/>; zero turns the look off.
    /// </summary>
    public TimeSpan ChangeCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After this long without a successful refresh the list is shown as stale.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(15);

    [Range(10, 1000, ErrorMessage = "Portal:UserList:MaxPageSize must be between 10 and 1000.")]
    public int MaxPageSize { get; set; } = 200;
}
