using Azure;
using Azure.Data.Tables;
using Workflow.Core;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Directory;

/// <summary>Institutions and partners: few, read often, one partition each.</summary>
public sealed class DirectoryStore(StorageClients storage)
{
    private const string InstitutionPartition = "institution";
    private const string PartnerPartition = "partner";

    public async Task AddAsync(Institution i, CancellationToken ct) =>
        await AddAsync(storage.Table(StorageClients.InstitutionsTable), new TableEntity(InstitutionPartition, i.Id)
        {
            ["Name"] = i.Name, ["Kind"] = i.Kind.ToString(), ["Class"] = i.Class, ["RegionId"] = i.RegionId,
            ["TimeZone"] = i.TimeZone, ["HeadName"] = i.HeadName, ["HeadEmail"] = i.HeadEmail,
        }, $"Lembaga '{i.Id}' sudah terdaftar.", ct);

    public async Task AddAsync(Partner p, CancellationToken ct) =>
        await AddAsync(storage.Table(StorageClients.PartnersTable), new TableEntity(PartnerPartition, p.Id)
        {
            ["Name"] = p.Name, ["Kind"] = p.Kind.ToString(), ["ContactName"] = p.ContactName, ["ContactEmail"] = p.ContactEmail,
        }, $"Mitra '{p.Id}' sudah terdaftar.", ct);

    private static async Task AddAsync(TableClient table, TableEntity row, string conflict, CancellationToken ct)
    {
        try { await table.AddEntityAsync(row, ct); }
        catch (RequestFailedException e) when (e.Status == 409) { throw new ConcurrencyConflictException(conflict); }
    }

    public async Task<Institution?> FindInstitutionAsync(string id, CancellationToken ct)
    {
        var row = await storage.Table(StorageClients.InstitutionsTable).GetEntityIfExistsAsync<TableEntity>(InstitutionPartition, id, cancellationToken: ct);
        return row.HasValue && row.Value is not null ? ToInstitution(row.Value) : null;
    }

    public async Task<Partner?> FindPartnerAsync(string id, CancellationToken ct)
    {
        var row = await storage.Table(StorageClients.PartnersTable).GetEntityIfExistsAsync<TableEntity>(PartnerPartition, id, cancellationToken: ct);
        return row.HasValue && row.Value is not null ? ToPartner(row.Value) : null;
    }

    public async Task<IReadOnlyList<Institution>> ListInstitutionsAsync(CancellationToken ct)
    {
        var list = new List<Institution>();
        await foreach (var row in storage.Table(StorageClients.InstitutionsTable).QueryAsync<TableEntity>(r => r.PartitionKey == InstitutionPartition, cancellationToken: ct))
            list.Add(ToInstitution(row));
        return list;
    }

    public async Task<IReadOnlyList<Partner>> ListPartnersAsync(CancellationToken ct)
    {
        var list = new List<Partner>();
        await foreach (var row in storage.Table(StorageClients.PartnersTable).QueryAsync<TableEntity>(r => r.PartitionKey == PartnerPartition, cancellationToken: ct))
            list.Add(ToPartner(row));
        return list;
    }

    private static Institution ToInstitution(TableEntity r) => new(
        r.RowKey, r.GetString("Name"), Enum.Parse<InstitutionKind>(r.GetString("Kind")), r.GetString("Class"),
        r.GetString("RegionId"), r.GetString("TimeZone"), r.GetString("HeadName"), r.GetString("HeadEmail"));

    private static Partner ToPartner(TableEntity r) => new(
        r.RowKey, r.GetString("Name"), Enum.Parse<PartnerKind>(r.GetString("Kind")), r.GetString("ContactName"), r.GetString("ContactEmail"));
}
