using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Common;

namespace Portal.Features.Users;

public enum ActiveFilter
{
    All,
    Active,
    Inactive,
}

/// <summary>
/// A view of the user list: search, filters, sort and page. It round-trips through the query string,
/// so a link reproduces the view. Unknown or malformed parameters fall back to their defaults.
/// </summary>
public sealed record UserQuery
{
    /// <summary>The longest search a link carries (the longest email address is 320 characters).</summary>
    public const int MaxSearchLength = 320;

    public string? Search { get; init; }
    public ActiveFilter Active { get; init; }
    public bool Unused { get; init; }
    public bool OverAllocated { get; init; }
    public int? AllottedMin { get; init; }
    public int? AllottedMax { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    public UserSortColumn Sort { get; init; } = UserSortColumn.Username;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;

    public bool HasFilters =>
        !string.IsNullOrWhiteSpace(Search) || Active != ActiveFilter.All || Unused || OverAllocated
        || AllottedMin is not null || AllottedMax is not null || CreatedFrom is not null || CreatedTo is not null;

    public Dictionary<string, string?> ToQueryParameters() => new()
    {
        ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        ["active"] = Active == ActiveFilter.All ? null : Active.ToString().ToLowerInvariant(),
        ["unused"] = Unused ? "1" : null,
        ["over"] = OverAllocated ? "1" : null,
        ["amin"] = AllottedMin?.ToString(CultureInfo.InvariantCulture),
        ["amax"] = AllottedMax?.ToString(CultureInfo.InvariantCulture),
        ["from"] = CreatedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = CreatedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["sort"] = Sort == UserSortColumn.Username ? null : Sort.ToString().ToLowerInvariant(),
        ["desc"] = Descending ? "1" : null,
        ["page"] = Page == 0 ? null : (Page + 1).ToString(CultureInfo.InvariantCulture),
        ["size"] = PageSize == 25 ? null : PageSize.ToString(CultureInfo.InvariantCulture),
    };

    public string ToQueryString() =>
        QueryHelpers.AddQueryString("", ToQueryParameters().Where(p => p.Value is not null)!);

    public static UserQuery Parse(string? queryString, int maxPageSize)
    {
        var q = QueryHelpers.ParseQuery(queryString);
        string? Get(string key) => q.TryGetValue(key, out var v) ? v.ToString() : null;
        return new UserQuery
        {
            Search = Get("q") is { Length: > 0 and <= MaxSearchLength } s ? s : null,
            Active = Enum.TryParse<ActiveFilter>(Get("active"), ignoreCase: true, out var a) && Enum.IsDefined(a) ? a : ActiveFilter.All,
            Unused = Get("unused") == "1",
            OverAllocated = Get("over") == "1",
            AllottedMin = QueryValues.WholeNumber(Get("amin")),
            AllottedMax = QueryValues.WholeNumber(Get("amax")),
            CreatedFrom = QueryValues.IsoDate(Get("from")),
            CreatedTo = QueryValues.IsoDate(Get("to")),
            Sort = Enum.TryParse<UserSortColumn>(Get("sort"), ignoreCase: true, out var s2) && Enum.IsDefined(s2) ? s2 : UserSortColumn.Username,
            Descending = Get("desc") == "1",
            Page = QueryValues.WholeNumber(Get("page")) is >= 1 and <= 1_000_000 and var p ? p - 1 : 0,
            PageSize = QueryValues.WholeNumber(Get("size")) is >= 1 and var size ? Math.Min(size, maxPageSize) : 25,
        };
    }
}
