namespace Sinergi.NSwagClient;

public partial class SinergiClient
{
    // NSwag puts a string-enum converter on each enum property but not on a list's items (an agreement's `areas`); the
    // description says every enum is a string, so the client reads them all as strings. NSwag's own hook for its settings.
    static partial void UpdateJsonSerializerSettings(System.Text.Json.JsonSerializerOptions settings) =>
        settings.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
}
