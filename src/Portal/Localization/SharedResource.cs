namespace Portal.Localization;

/// <summary>
/// Marker for the portal's resources. Keys are the English text (the ASP.NET Core convention), so a missing
/// translation still reads as English; SharedResource.resx holds English and SharedResource.de.resx German, key for key
/// (LanguageParityTests keeps them so).
/// </summary>
public sealed class SharedResource;
