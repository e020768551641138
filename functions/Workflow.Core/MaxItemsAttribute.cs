using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Core;

/// <summary>
/// A list in a request is read no further than <paramref name="max"/> items: a longer one is refused while it is
/// read, with the same message the agreement gives, before it can fill memory.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MaxItemsAttribute(int max) : JsonConverterAttribute
{
    public int Max => max;

    public override JsonConverter? CreateConverter(Type typeToConvert)
    {
        if (!typeToConvert.IsGenericType || typeToConvert.GetGenericTypeDefinition() != typeof(IReadOnlyList<>))
            throw new InvalidOperationException($"[MaxItems] is for IReadOnlyList<T>, not {typeToConvert}.");
        return (JsonConverter)Activator.CreateInstance(typeof(BoundedListConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]), max)!;
    }

    private sealed class BoundedListConverter<T>(int max) : JsonConverter<IReadOnlyList<T>>
    {
        public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Harus berupa daftar.");
            var items = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (items.Count == max) throw new JsonException($"Paling banyak {max} isian.");
                items.Add(JsonSerializer.Deserialize<T>(ref reader, options)!);
            }
            return items;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.AsEnumerable(), options);
    }
}
