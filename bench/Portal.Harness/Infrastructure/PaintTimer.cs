using Microsoft.Playwright;

namespace Portal.Harness.Infrastructure;

/// <summary>
/// Times, inside the page, from the input event (keydown or pointerdown, captured on the document before any handler
/// runs) to the animation frame in which the first row shows different text: the frame that paints the new rows.
/// </summary>
internal static class PaintTimer
{
    private const string Install = """
        () => {
            if (window.__paint) return;
            window.__paint = {};
            for (const type of ['keydown', 'pointerdown']) {
                document.addEventListener(type, () => { window.__paint.input = performance.now(); }, true);
            }
        }
        """;

    private const string Arm = """
        ([selector, timeoutMs]) => {
            const first = () => document.querySelector(selector)?.textContent;
            const before = first();
            window.__paint.input = undefined;
            window.__paint.done = new Promise(resolve => {
                const observer = new MutationObserver(() => {
                    if (first() !== before && window.__paint.input !== undefined) {
                        observer.disconnect();
                        requestAnimationFrame(() => resolve(performance.now() - window.__paint.input));
                    }
                });
                observer.observe(document.body, { subtree: true, childList: true, characterData: true });
                setTimeout(() => { observer.disconnect(); resolve(-1); }, timeoutMs);
            });
        }
        """;

    public static Task InstallAsync(IPage page) => page.EvaluateAsync(Install);

    /// <summary>Milliseconds from the input to the painted change, or null when the rows did not change in time.</summary>
    public static async Task<double?> MeasureAsync(IPage page, string firstRowSelector, Func<Task> input)
    {
        await page.EvaluateAsync(Arm, new object[] { firstRowSelector, 5000 });
        await input();
        var ms = await page.EvaluateAsync<double>("() => window.__paint.done");
        return ms < 0 ? null : ms;
    }
}
