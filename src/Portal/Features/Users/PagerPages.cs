namespace Portal.Features.Users;

/// <summary>
/// Which page numbers a pager shows, MudPagination's way (UserPagerTests compare the two): the first and last
/// <c>boundary</c> pages, <c>middle</c> pages around the selected one, and a gap (<see cref="Gap"/>) where pages are left out.
/// </summary>
public static class PagerPages
{
    public const int Gap = -1;

    /// <param name="selected">1-based.</param>
    public static int[] For(int selected, int count, int boundary = 1, int middle = 3)
    {
        count = Math.Max(1, count);
        selected = Math.Clamp(selected, 1, count);
        var length = (2 * boundary) + middle + 2;
        if (count <= length)
        {
            return Enumerable.Range(1, count).ToArray();
        }

        var pages = new int[length];
        for (var i = 0; i < boundary; i++)
        {
            pages[i] = i + 1;
            pages[length - i - 1] = count - i;
        }
        var start = selected <= boundary + (middle / 2) + 1 ? boundary + 2
            : selected >= count - boundary - (middle / 2) ? count - boundary - middle
            : selected - (middle / 2);
        for (var i = 0; i < middle; i++)
        {
            pages[boundary + 1 + i] = start + i;
        }
        pages[boundary] = boundary + (middle / 2) + 1 < selected ? Gap : boundary + 1;
        pages[length - boundary - 1] = count - boundary - (middle / 2) > selected ? Gap : count - boundary;
        // A gap of one page shows that page instead.
        for (var i = 0; i < length - 2; i++)
        {
            if (pages[i] + 2 == pages[i + 2])
            {
                pages[i + 1] = pages[i] + 1;
            }
        }
        return pages;
    }
}
