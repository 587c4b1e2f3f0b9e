using Bunit;
using MudBlazor;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Users;

public sealed class UserFiltersTests : MudTestContext
{
    private readonly List<UserQuery> _emitted = [];

    private IRenderedComponent<UserFilters> RenderFilters(UserQuery query)
    {
        EnsurePopoverProvider();
        // The page cascades its view to the clear button, as UsersPage does.
        return Render<UserFilters>(p => p.Add(f => f.Query, query).Add(f => f.QueryChanged, q => _emitted.Add(q)).AddCascadingValue(query));
    }

    [Fact]
    public void Typing_a_search_emits_a_query_per_keystroke_back_on_the_first_page()
    {
        var filters = RenderFilters(new UserQuery { Page = 4, Sort = UserSortColumn.Created });
        var search = filters.Find("input[data-testid=user-search]");

        search.Input("a");
        search.Input("an");
        search.Input("ann");

        filters.WaitForAssertion(() => Assert.Equal(
            [new UserQuery { Search = "a", Sort = UserSortColumn.Created }, new UserQuery { Search = "an", Sort = UserSortColumn.Created },
             new UserQuery { Search = "ann", Sort = UserSortColumn.Created }], _emitted), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void The_unused_switch_emits_a_query()
    {
        var filters = RenderFilters(new UserQuery { Page = 2 });

        filters.Find("[data-testid=filter-unused] input, input[data-testid=filter-unused]").Change(true);

        Assert.Equal([new UserQuery { Unused = true }], _emitted);
    }

    [Fact]
    public void The_over_allocated_switch_emits_a_query()
    {
        var filters = RenderFilters(new UserQuery());

        filters.Find("[data-testid=filter-over] input, input[data-testid=filter-over]").Change(true);

        Assert.Equal([new UserQuery { OverAllocated = true }], _emitted);
    }

    [Fact]
    public void The_allotted_range_emits_queries()
    {
        var filters = RenderFilters(new UserQuery());

        filters.Find("input[data-testid=filter-amin]").Change("2");

        Assert.Equal([new UserQuery { AllottedMin = 2 }], _emitted);
    }

    [Fact]
    public void Clear_filters_appears_only_with_filters_and_keeps_the_page_size()
    {
        Assert.Empty(RenderFilters(new UserQuery()).FindAll("[data-testid=filter-clear]"));

        var filters = RenderFilters(new UserQuery { Search = "x", Active = ActiveFilter.Inactive, PageSize = 100 });
        filters.Find("[data-testid=filter-clear]").Click();

        Assert.Equal([new UserQuery { PageSize = 100 }], _emitted);
    }
}
