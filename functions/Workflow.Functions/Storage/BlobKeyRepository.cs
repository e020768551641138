using System.Xml.Linq;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Workflow.Functions.Storage;

/// <summary>
/// Keeps the Data Protection keys (which protect the approval form's antiforgery tokens) in blob storage,
/// so every instance, and the app after a restart, accepts the forms the others handed out.
/// </summary>
public sealed class BlobKeyRepository(BlobContainerClient container) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        container.CreateIfNotExists();
        return container.GetBlobs().Select(b => XElement.Parse(container.GetBlobClient(b.Name).DownloadContent().Value.Content.ToString())).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        container.CreateIfNotExists();
        container.GetBlobClient($"{friendlyName}.xml").Upload(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)), overwrite: true);
    }
}

public static class DataProtectionSetup
{
    public const string KeysContainer = "dataprotection";

    public static IServiceCollection AddSinergiDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("sinergi");
        services.AddOptions<KeyManagementOptions>().Configure<StorageClients>((o, storage) =>
            o.XmlRepository = new BlobKeyRepository(storage.Blobs.GetBlobContainerClient(KeysContainer)));
        return services;
    }
}
