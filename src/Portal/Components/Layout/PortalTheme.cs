using MudBlazor;

namespace Portal.Components.Layout;

internal static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fbf",
            Secondary = "#5b6b82",
            Tertiary = "#0f8a7e",
            AppbarBackground = "#0f2742",
            AppbarText = "#ffffff",
            Background = "#f4f6fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(15,39,66,0.87)",
            DrawerIcon = "#5b6b82",
            Success = "#1e8e3e",
            Warning = "#c77700",
            Error = "#c62828",
            Info = "#1f5fbf",
            TextPrimary = "rgba(15,23,42,0.92)",
            TextSecondary = "rgba(51,65,85,0.82)",
            LinesDefault = "rgba(15,23,42,0.12)",
            TableLines = "rgba(15,23,42,0.10)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6ea8ff",
            // Light fills in dark mode need dark text to reach WCAG AA contrast.
            PrimaryContrastText = "#0b1422",
            WarningContrastText = "rgba(0,0,0,0.87)",
            SuccessContrastText = "rgba(0,0,0,0.87)",
            Secondary = "#9aa7bb",
            Tertiary = "#4fd1c5",
            AppbarBackground = "#0b1422",
            AppbarText = "#e6edf7",
            Background = "#101826",
            Surface = "#172233",
            DrawerBackground = "#131d2c",
            DrawerText = "#dbe4f0",
            DrawerIcon = "#9aa7bb",
            Success = "#5cc27a",
            Warning = "#ffb74d",
            Error = "#ff6b6b",
            Info = "#6ea8ff",
            TextPrimary = "#e6edf7",
            TextSecondary = "#aab6c8",
            LinesDefault = "rgba(230,237,247,0.12)",
            TableLines = "rgba(230,237,247,0.10)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "248px" },
    };
}
