namespace Portal.Localization;

/// <summary>Marker for MudBlazorText.de.resx (MudBlazor's key names, German texts); the resource is named after this class.</summary>
public sealed class MudBlazorText;
