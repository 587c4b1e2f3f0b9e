using Bunit;
using Portal.Components.PlainInputs;
using Portal.Features.Users;
using Portal.Tests.Features.Users;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Components.PlainInputs;

public sealed class PlainInputsTests : MudTestContext
{
    [Fact]
    public void A_number_field_emits_whole_numbers_and_none_and_names_anything_else_without_emitting()
    {
        var emitted = new List<int?>();
        var field = Render<PlainNumberField>(p => p.Add(f => f.Id, "n").Add(f => f.Label, "Min.").Add(f => f.Value, 3)
            .Add(f => f.ValueChanged, v => emitted.Add(v)).Add(f => f.TestId, "n"));
        var input = field.Find("input");
        Assert.Equal("3", input.GetAttribute("value"));

        input.Change("-1");
        Assert.Empty(emitted);
        Assert.Contains("\"-1\" is not a whole number of 0 or more.", field.Find("[role=alert]").TextContent);
        Assert.Equal("true", field.Find("input").GetAttribute("aria-invalid"));
        Assert.Equal("n-error", field.Find("input").GetAttribute("aria-describedby"));

        field.Find("input").Change(" 12 ");
        field.Find("input").Change("");
        Assert.Equal([12, null], emitted);
        Assert.Empty(field.FindAll("[role=alert]"));
    }

    [Fact]
    public void A_number_field_shows_a_value_that_comes_from_elsewhere_and_drops_its_error()
    {
        var field = Render<PlainNumberField>(p => p.Add(f => f.Id, "n").Add(f => f.Label, "Min.").Add(f => f.Value, 3));
        field.Find("input").Change("2.5");
        Assert.Single(field.FindAll("[role=alert]"));

        field.Render(p => p.Add(f => f.Value, null));

        Assert.Equal("", field.Find("input").GetAttribute("value") ?? "");
        Assert.Empty(field.FindAll("[role=alert]"));
    }

    [Fact]
    public void A_date_field_reads_iso_dates_names_a_bad_one_and_clears()
    {
        var emitted = new List<DateOnly?>();
        var field = Render<PlainDateField>(p => p.Add(f => f.Id, "d").Add(f => f.Label, "From").Add(f => f.TestId, "d")
            .Add(f => f.ValueChanged, v => emitted.Add(v)));
        Assert.Equal("date", field.Find("input").GetAttribute("type"));
        Assert.Empty(field.FindAll("[data-testid=d-clear]"));

        field.Find("input").Change("2026-02-30");
        Assert.Contains("\"2026-02-30\" is not a date between 1900 and 9999.", field.Find("[role=alert]").TextContent);
        field.Find("input").Change("2026-02-28");
        Assert.Equal([new DateOnly(2026, 2, 28)], emitted);

        field.Render(p => p.Add(f => f.Value, new DateOnly(2026, 2, 28)));
        field.Find("[data-testid=d-clear]").Click();
        Assert.Equal([new DateOnly(2026, 2, 28), null], emitted);
    }

    [Fact]
    public void A_select_emits_the_chosen_option_and_ignores_an_index_it_never_offered()
    {
        var emitted = new List<ActiveFilter>();
        (ActiveFilter, string)[] options = [(ActiveFilter.All, "All"), (ActiveFilter.Active, "Active"), (ActiveFilter.Inactive, "Inactive")];
        var select = Render<PlainSelect<ActiveFilter>>(p => p.Add(s => s.Id, "s").Add(s => s.Label, "State").Add(s => s.Options, options)
            .Add(s => s.Value, ActiveFilter.Active).Add(s => s.ValueChanged, v => emitted.Add(v)));
        Assert.Equal("1", select.Find("select").GetAttribute("value"));
        Assert.Equal("State", select.Find("label[for=s]").TextContent);

        select.Find("select").Change("2");
        select.Find("select").Change("7");
        select.Find("select").Change("-1");

        Assert.Equal([ActiveFilter.Inactive], emitted);
    }

    [Fact]
    public void A_switch_emits_its_new_state_and_shows_it()
    {
        var emitted = new List<bool>();
        var toggle = Render<PlainSwitch>(p => p.Add(s => s.Value, true).Add(s => s.TestId, "t").Add(s => s.ValueChanged, v => emitted.Add(v))
            .AddChildContent("Unused"));
        Assert.Equal("true", toggle.Find("input").GetAttribute("aria-checked"));
        Assert.Contains("mud-checked", toggle.Find(".mud-switch-base").ClassName);

        toggle.Find("input").Change(false);

        Assert.Equal([false], emitted);
    }
}
