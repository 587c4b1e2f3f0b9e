using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Portal.Features.Users;

namespace Portal.Tests.Features.Users;

/// <summary>The users view lives in the URL: every view a person can build survives the round trip, and junk never throws.</summary>
public sealed class UserQueryTests
{
    private const int MaxPageSize = 200;

    // A view as the page can produce it: a trimmed search of at most 320 characters (no lone surrogates, which no URL
    // carries), non-negative counts (the numeric fields have Min=0), a page below the parser's cap, a page size it allows.
    private static Gen<UserQuery> Queries()
    {
        var search = ArbMap.Default.GeneratorFor<string>()
            .Select(s => s is null ? null : new string(s.Where(c => !char.IsSurrogate(c)).ToArray()).Trim())
            .Select(s => string.IsNullOrEmpty(s) ? null : s.Length > 320 ? s[..320].Trim() : s);
        var count = Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, int.MaxValue).Select(n => (int?)n));
        var date = Gen.OneOf(Gen.Constant<DateOnly?>(null), Gen.Choose(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber).Select(d => (DateOnly?)DateOnly.FromDayNumber(d)));
        var flags = Gen.Elements(false, true);
        return
            from s in search
            from active in Gen.Elements(Enum.GetValues<ActiveFilter>())
            from unused in flags
            from over in flags
            from amin in count
            from amax in count
            from fromDate in date
            from toDate in date
            from sort in Gen.Elements(Enum.GetValues<UserSortColumn>())
            from desc in flags
            from page in Gen.Choose(0, 999_999)
            from size in Gen.Choose(1, MaxPageSize)
            select new UserQuery
            {
                Search = s, Active = active, Unused = unused, OverAllocated = over, AllottedMin = amin, AllottedMax = amax,
                CreatedFrom = fromDate, CreatedTo = toDate, Sort = sort, Descending = desc, Page = page, PageSize = size,
            };
    }

    [Property(MaxTest = 500)]
    public Property Any_view_survives_the_round_trip_through_the_query_string() =>
        Prop.ForAll(Queries().ToArbitrary(), q =>
        {
            var back = UserQuery.Parse(q.ToQueryString(), MaxPageSize);
            return (back == q).Label($"{q} -> {q.ToQueryString()} -> {back}");
        });

    [Fact]
    public void The_default_view_has_an_empty_query_string()
    {
        Assert.Equal("", new UserQuery().ToQueryString());
        Assert.Equal(new UserQuery(), UserQuery.Parse("", MaxPageSize));
        Assert.Equal(new UserQuery(), UserQuery.Parse(null, MaxPageSize));
    }

    [Fact]
    public void A_link_with_filters_reads_back_as_that_view()
    {
        var q = UserQuery.Parse("?over=1&sort=utilized&desc=1&q=Ann%2Bx%40example.com&active=inactive&amin=2&amax=10&from=2024-01-31&to=2025-12-01&page=3&size=50", MaxPageSize);

        Assert.Equal(new UserQuery
        {
            OverAllocated = true, Sort = UserSortColumn.Utilized, Descending = true, Search = "Ann+x@example.com", Active = ActiveFilter.Inactive,
            AllottedMin = 2, AllottedMax = 10, CreatedFrom = new DateOnly(2024, 1, 31), CreatedTo = new DateOnly(2025, 12, 1), Page = 2, PageSize = 50,
        }, q);
    }

    [Property(MaxTest = 500)]
    public Property Any_query_string_parses_without_throwing_into_a_usable_view() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var q = UserQuery.Parse(text, MaxPageSize);
            return q.Page >= 0 && q.PageSize is >= 1 and <= MaxPageSize && q.AllottedMin is null or >= 0 && q.AllottedMax is null or >= 0
                && q.Search is null or { Length: > 0 and <= 320 } && Enum.IsDefined(q.Active) && Enum.IsDefined(q.Sort);
        });

    // "x" + anything is never a number, a date, "1", an enum name or an enum number: every parameter falls back.
    [Property(MaxTest = 300)]
    public Property Junk_values_fall_back_to_the_defaults() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), ArbMap.Default.ArbFor<string>(), (junk, otherKey) =>
        {
            var value = Uri.EscapeDataString("x" + new string((junk ?? "").Where(c => !char.IsSurrogate(c)).ToArray()));
            var keys = new[] { "active", "unused", "over", "amin", "amax", "from", "to", "sort", "desc", "page", "size" };
            var text = "?" + string.Join("&", keys.Select(k => $"{k}={value}"))
                + $"&zz{Uri.EscapeDataString(new string((otherKey ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()))}=1";
            return UserQuery.Parse(text, MaxPageSize) == new UserQuery();
        });

    [Theory]
    [InlineData("?page=0")]
    [InlineData("?page=-1")]
    [InlineData("?page=1000001")]
    [InlineData("?page=99999999999999999999")]
    [InlineData("?size=0")]
    [InlineData("?size=-5")]
    [InlineData("?amin=-1&amax=%2B3")]
    [InlineData("?from=2024-02-30&to=31.12.2024")]
    [InlineData("?active=7&sort=42")]
    [InlineData("?unused=true&over=yes&desc=on")]
    [InlineData("?q=")]
    [InlineData("?%%%=&&==")]
    public void Out_of_range_or_malformed_parameters_fall_back_to_the_defaults(string text) =>
        Assert.Equal(new UserQuery(), UserQuery.Parse(text, MaxPageSize));

    [Fact]
    public void A_page_size_above_the_maximum_is_capped()
    {
        Assert.Equal(MaxPageSize, UserQuery.Parse("?size=100000", MaxPageSize).PageSize);
    }

    [Fact]
    public void A_search_longer_than_an_email_address_can_be_is_ignored()
    {
        Assert.Null(UserQuery.Parse("?q=" + new string('a', 321), MaxPageSize).Search);
        Assert.Equal(320, UserQuery.Parse("?q=" + new string('a', 320), MaxPageSize).Search!.Length);
    }

    [Fact]
    public void A_search_is_trimmed_in_the_link()
    {
        Assert.Equal("?q=ann", new UserQuery { Search = "  ann " }.ToQueryString());
    }
}
