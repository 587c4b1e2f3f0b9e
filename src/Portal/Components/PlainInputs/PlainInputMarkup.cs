namespace Portal.Components.PlainInputs;

/// <summary>
/// MudBlazor 9's classes for a dense, outlined input with a floating label, written out for the plain inputs of this
/// folder. A plain input is one component where MudTextField, MudNumericField, MudSelect or MudDatePicker are six to
/// fifteen, each kept by the circuit with its render-tree buffers for as long as the page is open: the users page's
/// filter panel in MudBlazor's components was some 470 KB of every open users page (bench/Portal.Harness row 4).
/// The classes are MudBlazor's own, so the inputs look and behave (focus, hover, error, dark mode) like its fields.
/// </summary>
internal static class PlainInputMarkup
{
    public const string Control = "mud-input-control mud-input-control-margin-dense mud-input-input-control";

    public const string Input = "mud-input mud-input-outlined mud-input-margin-dense mud-typography-subtitle1 mud-input-sizing-fixed";

    public const string Slot = "mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-margin-dense";

    public const string Label = "mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense mud-input-label-inputcontrol";

    public const string AdornmentIcon = "mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-input-adornment-icon";

    /// <summary>The control's classes: with a label (its notch in the border), in error.</summary>
    public static string ControlClass(bool labelled, bool error, string? extra = null) =>
        Join(Control, labelled ? "mud-input-outlined-with-label" : null, error ? "mud-input-error" : null, extra);

    /// <summary>The outlined box's classes: label raised into the border (text or focus), adorned at the end, in error.</summary>
    public static string InputClass(bool labelled, bool shrink, bool adornedEnd, bool error, string? extra = null) =>
        Join(Input, labelled ? "mud-input-outlined-with-label" : null, shrink ? "mud-shrink" : null,
            adornedEnd ? "mud-input-adorned-end" : null, error ? "mud-input-error" : null, extra);

    public static string SlotClass(bool adornedEnd, string? extra = null) =>
        Join(Slot, adornedEnd ? "mud-input-root-adorned-end" : null, extra);

    public static string LabelClass(bool error) => error ? Label + " mud-input-error" : Label;

    private static string Join(params string?[] parts) => string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p)));
}
