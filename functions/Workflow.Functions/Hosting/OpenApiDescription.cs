using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Workflow.Core;

namespace Workflow.Functions.Hosting;

/// <summary>
/// What the generated description needs beyond the endpoints' own metadata, so a client generator can use it as it is:
/// enums as strings, the bearer scheme with its 401 where a token is needed, the idempotency and location headers.
/// </summary>
public static class OpenApiDescription
{
    public const string BearerScheme = "Bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Sinergi API";
            document.Info.Description = "Siklus hidup Nota Kesepahaman dan Perjanjian Kerja Sama lembaga pemasyarakatan. "
                + "The lifecycle of cooperation agreements (MoU, PKS) of Indonesian correctional institutions. Problem types: "
                + string.Join("; ", ProblemTypes.All.Select(p => $"`{p.Type}` ({p.Status}): {p.Meaning}"));
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "A Microsoft Entra ID token (production), or one from POST /api/dev/token (Development and Testing).",
            };
            // An enum or object property is wrapped (oneOf null and its schema) once the schemas are shared: only here can
            // a required one lose its null.
            var schemas = document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>();
            foreach (var (name, polymorphic) in schemas.Where(s => s.Value is OpenApiSchema { Discriminator: not null }).ToList())
                Inheritance(name, (OpenApiSchema)polymorphic, schemas, document);
            foreach (var (name, schema) in schemas)
            {
                if (schema is not OpenApiSchema shared) continue;
                if (IsRequest(name)) RequiredIsNotNull(shared);
                else if (Models.Value.GetValueOrDefault(name) is { } type) NullableReferences(shared, type);
            }
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            // An enum is a string. Its shared schema is the enum's own; where a property may be null, the property says so
            // (oneOf null and the enum), so a null among the values (left by a nullable first use) goes.
            if ((Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type).IsEnum && schema.Enum is { Count: > 0 })
            {
                schema.Type = JsonSchemaType.String;
                schema.Enum = [.. schema.Enum.Where(value => value is not null)];
            }
            if (IsRequest(context.JsonTypeInfo.Type.Name)) RequiredIsNotNull(schema);
            // A list's bound is a converter's (it refuses a longer list as it is read), not an annotation the generator knows.
            if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(MaxItemsAttribute), false) is [MaxItemsAttribute bound, ..])
                schema.MaxItems = bound.Max;
            if (context.JsonPropertyInfo?.AttributeProvider?.IsDefined(typeof(System.ComponentModel.DataAnnotations.EmailAddressAttribute), false) == true)
                schema.Format = "email";
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            operation.Responses ??= [];
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                operation.Responses.TryAdd("401", Problem(ProblemTypes.Unauthorized, context.Document));
                operation.Responses.TryAdd("403", Problem(ProblemTypes.Forbidden, context.Document));
            }
            // An id in the path is checked before anything is read.
            if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true)
                operation.Responses.TryAdd("400", Problem(ProblemTypes.Validation, context.Document, "HttpValidationProblemDetails"));
            if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
                operation.Responses.TryAdd("503", Problem(ProblemTypes.StorageUnavailable, context.Document));
            await MultipartPartsAsync(operation, context, ct);
            if (operation.OperationId == "listAgreements") ListQuery(operation);
            if (operation.OperationId == "generateDraft")
                foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Name == "language"))
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["id", "en"], Default = "id" };
            if (context.Description.RelativePath?.StartsWith("api/agreements", StringComparison.Ordinal) == true
                && context.Description.HttpMethod is "POST" or "PUT")
                Idempotent(operation);
        });
    }

    /// <summary>
    /// A polymorphic type (a history event) is described as generators read inheritance: the base holds what every kind
    /// has (its discriminator among them, listing the kinds) and maps each discriminator value to its kind; each kind is
    /// <c>allOf</c> the base and its own properties, named as its discriminator value (<c>ReviewStepDecided</c>). The
    /// generator writes the base as <c>anyOf</c> the kinds, each whole, named after the base.
    /// </summary>
    private static void Inheritance(string baseName, OpenApiSchema polymorphic, IDictionary<string, IOpenApiSchema> schemas, OpenApiDocument document)
    {
        var discriminator = polymorphic.Discriminator!.PropertyName!;
        var kinds = (polymorphic.Discriminator.Mapping ?? new Dictionary<string, OpenApiSchemaReference>())
            .Select(m => (Value: m.Key, Id: m.Value.Reference.Id!)).Where(k => schemas.ContainsKey(k.Id)).ToList();
        var whole = kinds.Select(k => (OpenApiSchema)schemas[k.Id]).ToList();
        var shared = whole.Select(k => (IEnumerable<string>)(k.Properties?.Keys ?? [])).Aggregate((a, b) => a.Intersect(b)).ToHashSet();
        var properties = shared.ToDictionary(name => name, name => whole[0].Properties![name]);
        properties[discriminator] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. kinds.Select(k => (System.Text.Json.Nodes.JsonNode)k.Value)] };
        polymorphic.Properties = properties;
        polymorphic.Required = new HashSet<string>(whole.Select(k => (IEnumerable<string>)(k.Required ?? new HashSet<string>())).Aggregate((a, b) => a.Intersect(b)).Append(discriminator));
        polymorphic.AnyOf = null;
        polymorphic.OneOf = null;
        polymorphic.Discriminator.Mapping = new Dictionary<string, OpenApiSchemaReference>();
        foreach (var ((value, id), schema) in kinds.Zip(whole))
        {
            schemas.Remove(id);
            polymorphic.Discriminator.Mapping[value] = new OpenApiSchemaReference(value, document);
            schemas[value] = new OpenApiSchema
            {
                Description = schema.Description,
                AllOf =
                [
                    new OpenApiSchemaReference(baseName, document),
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = schema.Properties?.Where(p => !shared.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value),
                        Required = new HashSet<string>((schema.Required ?? new HashSet<string>()).Where(r => !shared.Contains(r))),
                    },
                ],
            };
        }
    }

    private static OpenApiResponse Problem(string type, OpenApiDocument? document, string schema = "ProblemDetails") => new()
    {
        Description = $"{ProblemTypes.All.Single(p => p.Type == type).Meaning} (`{type}`)",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, document) },
        },
    };

    /// <summary>What a client sends: a body, a part of one, or an item of either.</summary>
    private static bool IsRequest(string typeName) => typeName.EndsWith("Request", StringComparison.Ordinal)
        || typeName.EndsWith("Input", StringComparison.Ordinal) || typeName.EndsWith("Form", StringComparison.Ordinal);

    /// <summary>
    /// A request's properties are nullable in C# so that a missing one is named by the validation rather than refused by
    /// the serializer; the description says what the validation wants: a required property has a value (not null), an
    /// optional one may be left out.
    /// </summary>
    private static void RequiredIsNotNull(OpenApiSchema schema)
    {
        foreach (var name in schema.Required ?? new HashSet<string>())
        {
            if (schema.Properties is null || !schema.Properties.TryGetValue(name, out var found) || found is not OpenApiSchema property) continue;
            if (property.Type is { } type && type.HasFlag(JsonSchemaType.Null)) property.Type = type & ~JsonSchemaType.Null;
            if (property.OneOf is { Count: 2 } choices && choices.SingleOrDefault(c => c is not OpenApiSchema { Type: JsonSchemaType.Null }) is { } value
                && choices.Any(c => c is OpenApiSchema { Type: JsonSchemaType.Null }))
                schema.Properties[name] = value;
        }
    }

    /// <summary>
    /// An answer's property of another shared schema that may be null (a round's <c>currentStep</c> once it is closed)
    /// says so, as the generator already does for constructor parameters.
    /// </summary>
    private static void NullableReferences(OpenApiSchema schema, Type type)
    {
        if (schema.Properties is not { Count: > 0 } properties) return;
        var nullability = new NullabilityInfoContext();
        foreach (var info in type.GetProperties())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(info.Name);
            if (nullability.Create(info).ReadState == NullabilityState.Nullable && properties.TryGetValue(name, out var found) && found is OpenApiSchemaReference reference)
                properties[name] = new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, reference] };
        }
    }

    /// <summary>The types the API answers with, by the name their shared schema has.</summary>
    private static readonly Lazy<Dictionary<string, Type>> Models = new(() =>
        new[] { typeof(Agreement).Assembly, typeof(OpenApiDescription).Assembly }.SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsClass: true, IsGenericType: false }).GroupBy(t => t.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single()));

    /// <summary>
    /// A multipart upload's parts that are JSON (an object or a list: the agreement of an import, the people of a signing)
    /// are sent as <c>application/json</c>; the file as its bytes; the rest as text.
    /// </summary>
    private static async Task MultipartPartsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.RequestBody?.Content?.TryGetValue("multipart/form-data", out var multipart) != true) return;
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var form = metadata.OfType<Agreements.MultipartForm>().FirstOrDefault()?.Parts;
        if (form is not null) multipart!.Schema = await context.GetOrCreateSchemaAsync(form, null, ct);
        form ??= metadata.OfType<IAcceptsMetadata>().FirstOrDefault(a => a.ContentTypes.Contains("multipart/form-data"))?.RequestType;
        if (form is null) return;
        foreach (var part in form.GetProperties())
        {
            var type = Nullable.GetUnderlyingType(part.PropertyType) ?? part.PropertyType;
            if (type == typeof(IFormFile) || typeof(IEnumerable<IFormFile>).IsAssignableFrom(type) || type == typeof(string) || type.IsValueType) continue;
            multipart!.Encoding ??= new Dictionary<string, OpenApiEncoding>();
            multipart.Encoding[JsonNamingPolicy.CamelCase.ConvertName(part.Name)] = new OpenApiEncoding { ContentType = "application/json" };
        }
    }

    /// <summary>The list's query is read as text (so a wrong value gets its own message); described as what it must be.</summary>
    private static void ListQuery(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            parameter.Schema = parameter.Name switch
            {
                "status" => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames<AgreementStatus>().Select(n => (System.Text.Json.Nodes.JsonNode)n)] },
                "expiresBefore" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
                "pageSize" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = $"{Agreements.AgreementQueries.MaxPageSize}" },
                "institutionId" or "partnerId" or "regionId" => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = Ids.SlugPattern },
                _ => parameter.Schema,
            };
    }

    /// <summary>A command: sent again with the same key it is carried out once and answered as the first time.</summary>
    private static void Idempotent(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Agreements.CommandContext.KeyHeader, In = ParameterLocation.Header, Required = false,
            Description = $"Up to {Agreements.CommandContext.MaxKeyLength} visible ASCII characters. A request sent again with the same key is carried out once and answered as the first time; the same key with a different request is refused (422).",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MaxLength = Agreements.CommandContext.MaxKeyLength,
                Pattern = $"^[\\x21-\\x7E]{{1,{Agreements.CommandContext.MaxKeyLength}}}$",
            },
        });
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (!status.StartsWith('2') || response is not OpenApiResponse answer) continue;
            answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
            answer.Headers["Idempotent-Replayed"] = new OpenApiHeader
            {
                Description = "`true` when this is the stored answer to an earlier request with the same Idempotency-Key.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["true"] },
            };
            if (status == "201")
                answer.Headers["Location"] = new OpenApiHeader
                {
                    Description = "Where the created agreement (or document) is.", Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                };
        }
    }
}
