namespace Portal.Localization;

/// <summary>
/// Marker for the portal's one resource file. Keys are the English text (the ASP.NET Core convention),
/// so English needs no resource file and SharedResource.de.resx holds the German.
/// </summary>
public sealed class SharedResource;
