using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Functions.Hosting;

/// <summary>One JSON shape for the API and for what is stored: camelCase, enums as their names.</summary>
public static class SinergiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
