using System.Globalization;

namespace Portal.Features.Users;

/// <summary>
/// The integration API's query parameters, read strictly: a malformed value is a 400 that names the parameter,
/// never a silent default (the page's URL parser is lenient on purpose; an automation's request is not).
/// </summary>
public static class UserApiQuery
{
    private static readonly HashSet<string> Known = ["q", "active", "unused", "over", "amin", "amax", "from", "to", "sort", "desc", "page", "size"];

    public static bool TryParse(IQueryCollection query, int maxPageSize, out UserQuery result, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var e = errors;
        string? One(string key)
        {
            if (!query.TryGetValue(key, out var values))
            {
                return null;
            }
            if (values.Count > 1)
            {
                e[key] = [$"'{key}' may be given only once."];
                return null;
            }
            return values.ToString();
        }
        foreach (var key in query.Keys.Where(k => !Known.Contains(k)))
        {
            errors[key] = [$"Unknown parameter '{key}'. Known: {string.Join(", ", Known)}."];
        }
        var search = One("q");
        if (search is { Length: > 320 })
        {
            errors["q"] = ["'q' can be at most 320 characters."];
        }
        result = new UserQuery
        {
            Search = string.IsNullOrWhiteSpace(search) ? null : search,
            Active = Enum(One("active"), "active", ActiveFilter.All, errors),
            Unused = Flag(One("unused"), "unused", errors),
            OverAllocated = Flag(One("over"), "over", errors),
            AllottedMin = Count(One("amin"), "amin", errors),
            AllottedMax = Count(One("amax"), "amax", errors),
            CreatedFrom = Date(One("from"), "from", errors),
            CreatedTo = Date(One("to"), "to", errors),
            Sort = Enum(One("sort"), "sort", UserSortColumn.Username, errors),
            Descending = Flag(One("desc"), "desc", errors),
            Page = (Count(One("page"), "page", errors, min: 1) ?? 1) - 1,
            PageSize = Count(One("size"), "size", errors, min: 1, max: maxPageSize) ?? 25,
        };
        if (result.AllottedMin > result.AllottedMax)
        {
            errors["amin"] = ["'amin' cannot be larger than 'amax'."];
        }
        if (result.CreatedFrom > result.CreatedTo)
        {
            errors["from"] = ["'from' cannot be after 'to'."];
        }
        return errors.Count == 0;
    }

    private static T Enum<T>(string? value, string key, T fallback, Dictionary<string, string[]> errors) where T : struct, System.Enum
    {
        if (value is null)
        {
            return fallback;
        }
        if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }
        errors[key] = [$"'{key}' must be one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}."];
        return fallback;
    }

    private static bool Flag(string? value, string key, Dictionary<string, string[]> errors)
    {
        switch (value?.ToLowerInvariant())
        {
            case null or "0" or "false":
                return false;
            case "1" or "true":
                return true;
            default:
                errors[key] = [$"'{key}' must be true or false."];
                return false;
        }
    }

    private static int? Count(string? value, string key, Dictionary<string, string[]> errors, int min = 0, int max = 1_000_000)
    {
        if (value is null)
        {
            return null;
        }
        if (Common.QueryValues.WholeNumber(value) is { } n && n >= min && n <= max)
        {
            return n;
        }
        errors[key] = [$"'{key}' must be a whole number from {min} to {max}."];
        return null;
    }

    private static DateOnly? Date(string? value, string key, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }
        if (Common.QueryValues.IsoDate(value) is { } d)
        {
            return d;
        }
        errors[key] = [$"'{key}' must be a date in the form yyyy-MM-dd."];
        return null;
    }
}
