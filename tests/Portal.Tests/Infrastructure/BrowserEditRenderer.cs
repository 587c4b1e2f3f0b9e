using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

// Reading what goes to the browser means reading render batches, which Blazor marks as its own (BL0006). A change there
// breaks this test's build, not the portal.
#pragma warning disable BL0006

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Blazor's own renderer with the browser's side of an event: what each render batch would tell the browser to change.
/// bUnit rebuilds its DOM from the render tree, so it cannot show an edit the server sends over what the browser already
/// shows (a keystroke's text overwritten by the render of an earlier one); this can.
/// </summary>
public sealed class BrowserEditRenderer : Renderer
{
    private readonly List<(int ComponentId, string Name, object? Value)> _attributeEdits = [];
    private readonly Dictionary<string, ulong> _eventHandlers = [];

    private BrowserEditRenderer(IServiceProvider services) : base(services, NullLoggerFactory.Instance)
    {
    }

    public static BrowserEditRenderer Create() =>
        new(new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider());

    public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

    /// <summary>
    /// The attributes the renders since the last event told the browser to set (with their value) or remove (null).
    /// </summary>
    public IReadOnlyList<(int ComponentId, string Name, object? Value)> AttributeEdits => _attributeEdits;

    public async Task<int> RenderAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        var id = AssignRootComponentId(InstantiateComponent(typeof(TComponent)));
        await Dispatcher.InvokeAsync(() => RenderRootComponentAsync(id, ParameterView.FromDictionary(parameters)));
        return id;
    }

    /// <summary>Raises an event as the browser does: with the element's current value as the event's field value.</summary>
    public Task RaiseAsync(int componentId, string eventName, EventArgs args, object? fieldValue = null)
    {
        _attributeEdits.Clear();
        var field = fieldValue is null ? null : new EventFieldInfo { ComponentId = componentId, FieldValue = fieldValue };
        return Dispatcher.InvokeAsync(() => DispatchEventAsync(_eventHandlers[eventName], field, args));
    }

    protected override void HandleException(Exception exception) =>
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception).Throw();

    protected override Task UpdateDisplayAsync(in RenderBatch renderBatch)
    {
        for (var i = 0; i < renderBatch.UpdatedComponents.Count; i++)
        {
            ref var diff = ref renderBatch.UpdatedComponents.Array[i];
            for (var e = 0; e < diff.Edits.Count; e++)
            {
                var edit = diff.Edits.Array[e];
                if (edit.Type == RenderTreeEditType.SetAttribute)
                {
                    var attribute = renderBatch.ReferenceFrames.Array[edit.ReferenceFrameIndex];
                    _attributeEdits.Add((diff.ComponentId, attribute.AttributeName, attribute.AttributeValue));
                }
                else if (edit.Type == RenderTreeEditType.RemoveAttribute)
                {
                    _attributeEdits.Add((diff.ComponentId, edit.RemovedAttributeName!, null));
                }
            }
        }
        // Remember the latest handler id per event name, as the browser would find it on the element.
        for (var i = 0; i < renderBatch.ReferenceFrames.Count; i++)
        {
            ref var frame = ref renderBatch.ReferenceFrames.Array[i];
            if (frame.FrameType == RenderTreeFrameType.Attribute && frame.AttributeEventHandlerId != 0)
            {
                _eventHandlers[frame.AttributeName] = frame.AttributeEventHandlerId;
            }
        }
        return Task.CompletedTask;
    }
}
