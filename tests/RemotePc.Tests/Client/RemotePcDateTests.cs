using System.Globalization;
using FsCheck.Xunit;
using RemotePc.Wire;

namespace RemotePc.Tests.Client;

public sealed class RemotePcDateTests
{
    [Theory]
    [InlineData("01-13-2023", 2023, 1, 13)]
    [InlineData("12-31-1999", 1999, 12, 31)]
    [InlineData("02-29-2024", 2024, 2, 29)]
    public void Parses_the_wire_format(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), RemotePcDate.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("13-01-2023")]
    [InlineData("2023-01-13")]
    [InlineData("02-29-2023")]
    [InlineData("01/13/2023")]
    [InlineData(" 01-13-2023 ")]
    public void Anything_else_is_null(string? text) => Assert.Null(RemotePcDate.Parse(text));

    [Property]
    public bool Round_trips_every_date(int dayNumber)
    {
        var date = DateOnly.FromDayNumber((int)((uint)dayNumber % (uint)DateOnly.MaxValue.DayNumber));
        return RemotePcDate.Parse(date.ToString(RemotePcDate.Format, CultureInfo.InvariantCulture)) == date;
    }

    [Property]
    public void Never_throws(string text) => RemotePcDate.Parse(text);
}
