using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Core;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Agreements;

/// <summary>Reads stored events back into the domain's event types, and folds them into an agreement's history.</summary>
public static class StoredEvents
{
    private static readonly IReadOnlyDictionary<string, Type> Types = typeof(AgreementEvent)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(a => (string)a.TypeDiscriminator!, a => a.DerivedType, StringComparer.Ordinal);

    public static AgreementEvent? Read(string type, string data) =>
        Types.TryGetValue(type, out var clr) ? (AgreementEvent?)JsonSerializer.Deserialize(data, clr, SinergiJson.Options) : null;

    /// <summary>The event, or null when the stored text is not that event any more (changed by hand, or cut short).</summary>
    public static AgreementEvent? TryRead(string type, string data)
    {
        try { return Read(type, data); }
        catch (JsonException) { return null; }
    }

    public static AgreementHistory Fold(IEnumerable<StoredEvent> events) =>
        AgreementHistory.Empty.With(events.Where(e => AgreementHistory.EventTypes.Contains(e.Type)).OrderBy(e => e.Seq)
            .Select(e => Read(e.Type, e.Data)).OfType<AgreementEvent>());
}
