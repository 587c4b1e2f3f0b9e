using Microsoft.AspNetCore.Components;

namespace Portal.Components.PlainInputs;

/// <summary>
/// What the plain number and date fields share: the text as typed, read into a value when the field changes, and a
/// refusal that names the text instead of a value (see PlainInputMarkup for why they are plain).
/// </summary>
public abstract class PlainParsedField<TValue> : ComponentBase where TValue : struct
{
    private TValue? _shown;

    /// <summary>The input's id, unique on the page (the label points at it).</summary>
    [Parameter, EditorRequired] public string Id { get; set; } = "";

    [Parameter, EditorRequired] public string Label { get; set; } = "";

    [Parameter] public TValue? Value { get; set; }

    [Parameter] public EventCallback<TValue?> ValueChanged { get; set; }

    [Parameter] public string? TestId { get; set; }

    /// <summary>The text the field shows: as typed, or the value's own when it came from elsewhere.</summary>
    protected string? Text { get; private set; }

    /// <summary>Why the text typed was refused, or null.</summary>
    protected string? Error { get; private set; }

    protected string ErrorId => Id + "-error";

    /// <summary>The value as the field shows it.</summary>
    protected abstract string Format(TValue value);

    /// <summary>Reads trimmed, non-empty text.</summary>
    protected abstract bool TryParse(string text, out TValue value);

    /// <summary>The error for trimmed text that <see cref="TryParse"/> refused.</summary>
    protected abstract string Refusal(string text);

    protected override void OnParametersSet()
    {
        // A value from elsewhere (the URL, Clear filters) replaces what the field says; the field's own text stays
        // otherwise, so a refused entry stays in view beside its error.
        if (!Nullable.Equals(Value, _shown))
        {
            _shown = Value;
            Text = Value is { } value ? Format(value) : null;
            Error = null;
        }
    }

    protected Task OnChangeAsync(string? text)
    {
        Text = text;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return EmitAsync(null);
        }
        if (TryParse(trimmed, out var value))
        {
            return EmitAsync(value);
        }
        Error = Refusal(trimmed);
        return Task.CompletedTask;
    }

    private Task EmitAsync(TValue? value)
    {
        Error = null;
        _shown = value;
        return ValueChanged.InvokeAsync(value);
    }
}
