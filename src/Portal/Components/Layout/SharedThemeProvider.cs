using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>
/// MudThemeProvider, with its style sheets shared between circuits. MudThemeProvider writes its theme (about 12,000
/// characters of CSS variables) into a new string at every render, and the render tree holds that string for as long as
/// the circuit lives: 24 KB in every open tab (bench/Portal.Harness row 4). Circuits with the same theme and mode get the
/// same CSS, so one string serves them all; MudThemeProvider still does everything else (dark mode, its scripts).
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    // A theme in light and dark, with the scrollbar and chart styles: a handful of strings. The cap only guards against a
    // future theme that varies per circuit; past it a circuit keeps its own string, as it would without this class.
    private const int MaxShared = 16;
    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);

    // BL0006 warns that render-tree frames are framework internals: only MudThemeProvider's own output is read, and
    // anything but the markup frames it writes today falls back to rendering it unchanged. ASP0006 wants literal sequence
    // numbers: these are MudThemeProvider's own literals, replayed so that diffs line up as they would for it.
#pragma warning disable BL0006, ASP0006
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        using var own = new RenderTreeBuilder();
        base.BuildRenderTree(own);
        var frames = own.GetFrames();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i].FrameType != RenderTreeFrameType.Markup)
            {
                // Not the markup-only tree this class knows (a MudBlazor update): render MudThemeProvider's own.
                base.BuildRenderTree(builder);
                return;
            }
        }
        for (var i = 0; i < frames.Count; i++)
        {
            builder.AddMarkupContent(frames.Array[i].Sequence, Share(frames.Array[i].MarkupContent));
        }
    }
#pragma warning restore BL0006, ASP0006

    /// <returns>The one shared instance of a string equal to <paramref name="css"/>, once one is kept.</returns>
    internal static string Share(string css)
    {
        if (Shared.TryGetValue(css, out var shared))
        {
            return shared;
        }
        return Shared.Count < MaxShared ? Shared.GetOrAdd(css, css) : css;
    }
}
