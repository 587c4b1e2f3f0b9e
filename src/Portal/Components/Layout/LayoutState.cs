namespace Portal.Components.Layout;

/// <summary>
/// What the app bar changes and the layout shows: whether the drawer is open and the theme is dark. The layout cascades
/// one instance (fixed), so the app bar takes no parameters and is left alone when the layout renders again, which it
/// does on every navigation because its Body changes (a keystroke in the users search is one).
/// </summary>
public sealed class LayoutState
{
    public bool DrawerOpen { get; set; } = true;

    public bool DarkMode { get; private set; }

    /// <summary>Raised after the app bar changed something the layout shows.</summary>
    public event Action? Changed;

    public void InitializeDarkMode(bool dark) => DarkMode = dark;

    public void ToggleDrawer()
    {
        DrawerOpen = !DrawerOpen;
        Changed?.Invoke();
    }

    public void ToggleDarkMode()
    {
        DarkMode = !DarkMode;
        Changed?.Invoke();
    }
}
