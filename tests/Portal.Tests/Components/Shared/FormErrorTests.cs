using Bunit;
using Portal.Components.Shared;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Components.Shared;

public sealed class FormErrorTests : PortalTestContext
{
    [Fact]
    public void Renders_nothing_without_a_message()
    {
        var error = Render<FormError>(p => p.Add(c => c.Message, null));

        Assert.Empty(error.FindAll("[data-testid=form-error]"));
    }

    [Fact]
    public void Renders_the_message_as_an_alert()
    {
        var error = Render<FormError>(p => p.Add(c => c.Message, "The email or the password is wrong."));

        var box = error.Find("[data-testid=form-error]");
        Assert.Equal("alert", box.GetAttribute("role"));
        Assert.Equal("The email or the password is wrong.", box.TextContent);
    }
}
