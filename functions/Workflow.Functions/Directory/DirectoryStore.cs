using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflow.Core;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Directory;

/// <summary>
/// Institutions and partners: few, read often. Table <c>institutions</c>, one partition; table <c>partners</c>, partition
/// <c>partner</c> (name, kind and the contact an admin gave) and partition <c>contact</c> (rows <c>{partnerId}|{scope}</c>:
/// the contacts an institution or a Kanwil gave for itself).
/// </summary>
public sealed class DirectoryStore(StorageClients storage)
{
    private const string InstitutionPartition = "institution";
    private const string PartnerPartition = "partner";
    private const string ContactPartition = "contact";

    private TableClient Institutions => storage.Table(StorageClients.InstitutionsTable);
    private TableClient Partners => storage.Table(StorageClients.PartnersTable);

    public async Task AddAsync(Institution i, CancellationToken ct) =>
        await AddAsync(Institutions, new TableEntity(InstitutionPartition, i.Id)
        {
            ["Name"] = i.Name, ["Kind"] = i.Kind.ToString(), ["Class"] = i.Class, ["RegionId"] = i.RegionId,
            ["TimeZone"] = i.TimeZone, ["HeadName"] = i.HeadName, ["HeadEmail"] = i.HeadEmail,
            ["Delegates"] = JsonSerializer.Serialize(i.Delegates, SinergiJson.Options),
        }, $"Lembaga '{i.Id}' sudah terdaftar.", ct);

    public async Task SetDelegatesAsync(string institutionId, IReadOnlyList<Official> delegates, CancellationToken ct)
    {
        try
        {
            await Institutions.UpdateEntityAsync(new TableEntity(InstitutionPartition, institutionId)
            {
                ["Delegates"] = JsonSerializer.Serialize(delegates, SinergiJson.Options),
            }, ETag.All, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404) { throw new NotFoundException($"Lembaga '{institutionId}' tidak ditemukan."); }
    }

    private static async Task AddAsync(TableClient table, TableEntity row, string conflict, CancellationToken ct)
    {
        try { await table.AddEntityAsync(row, ct); }
        catch (RequestFailedException e) when (e.Status == 409) { throw new ConcurrencyConflictException(conflict); }
    }

    public async Task<Institution?> FindInstitutionAsync(string id, CancellationToken ct)
    {
        var row = await Institutions.GetEntityIfExistsAsync<TableEntity>(InstitutionPartition, id, cancellationToken: ct);
        return row.HasValue && row.Value is not null ? ToInstitution(row.Value) : null;
    }

    public async Task<IReadOnlyList<Institution>> ListInstitutionsAsync(CancellationToken ct)
    {
        var list = new List<Institution>();
        await foreach (var row in Institutions.QueryAsync<TableEntity>(r => r.PartitionKey == InstitutionPartition, cancellationToken: ct))
            list.Add(ToInstitution(row));
        return list;
    }

    /// <summary>Who the directory allows on an agreement's HeadOfInstitution and Kanwil review steps.</summary>
    public async Task<ReviewOfficials> ReviewOfficialsAsync(Agreement a, CancellationToken ct)
    {
        var (own, kanwil) = await OfficialsAsync(a, ct);
        return new ReviewOfficials(own.Select(o => o.Email).ToList(), kanwil.Select(o => o.Email).ToList());
    }

    /// <summary>The head and delegates of the agreement's institution, and those of the Kanwil of its region, with their names.</summary>
    public async Task<(IReadOnlyList<Official> Institution, IReadOnlyList<Official> Kanwil)> OfficialsAsync(Agreement a, CancellationToken ct)
    {
        var institutions = await ListInstitutionsAsync(ct);
        return (
            institutions.Where(i => i.Id == a.InstitutionId).SelectMany(i => i.Officials).ToList(),
            institutions.Where(i => i.Kind == InstitutionKind.Kanwil && i.RegionId == a.RegionId).SelectMany(i => i.Officials).ToList());
    }

    /// <summary>
    /// Registers a partner (if new) and its contact for <paramref name="scope"/>. Conflict when that scope already has one:
    /// a contact is changed by whoever gave it, never by another institution.
    /// </summary>
    public async Task<Partner> AddPartnerAsync(string id, string name, PartnerKind kind, Official contact, ContactScope scope, CancellationToken ct)
    {
        var row = await PartnerRowAsync(id, ct);
        if (row is null)
        {
            row = new TableEntity(PartnerPartition, id) { ["Name"] = name, ["Kind"] = kind.ToString() };
            if (scope == ContactScope.Everyone) (row["ContactName"], row["ContactEmail"]) = (contact.Name, contact.Email);
            try
            {
                await Partners.AddEntityAsync(row, ct);
                if (scope == ContactScope.Everyone) return ToPartner(row, contact);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                row = await PartnerRowAsync(id, ct) ?? throw new ConcurrencyConflictException($"Mitra '{id}' baru saja diubah; coba lagi.");
            }
        }
        var conflict = $"Mitra '{id}' sudah terdaftar dan sudah memiliki kontak untuk {(scope == ContactScope.Everyone ? "semua lembaga" : "lembaga atau wilayah Anda")}.";
        if (scope == ContactScope.Everyone)
        {
            if (!string.IsNullOrEmpty(row.GetString("ContactEmail"))) throw new ConcurrencyConflictException(conflict);
            (row["ContactName"], row["ContactEmail"]) = (contact.Name, contact.Email);
            try { await Partners.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, ct); }
            catch (RequestFailedException e) when (e.Status == 412) { throw new ConcurrencyConflictException(conflict); }
        }
        else
        {
            await AddAsync(Partners, new TableEntity(ContactPartition, ContactRow(id, scope))
            {
                ["PartnerId"] = id, ["Scope"] = scope.Key, ["ContactName"] = contact.Name, ["ContactEmail"] = contact.Email,
            }, conflict, ct);
        }
        return ToPartner(row, contact);
    }

    /// <summary>The agreement's partner, with the contact its notices go to.</summary>
    public Task<Partner?> FindPartnerAsync(Agreement a, CancellationToken ct) => FindPartnerAsync(a.PartnerId, ContactScope.For(a.InstitutionId, a.RegionId), ct);

    /// <summary>The partner with the contact that applies to the first of <paramref name="scopes"/> that has one.</summary>
    public async Task<Partner?> FindPartnerAsync(string id, IReadOnlyList<ContactScope> scopes, CancellationToken ct)
    {
        if (await PartnerRowAsync(id, ct) is not { } row) return null;
        var contacts = await ContactsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {ContactPartition} and PartnerId eq {id}"), ct);
        return ToPartner(row, Nearest(row, contacts, scopes));
    }

    public async Task<IReadOnlyList<Partner>> ListPartnersAsync(IReadOnlyList<ContactScope> scopes, CancellationToken ct)
    {
        var contacts = (await ContactsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {ContactPartition}"), ct)).ToLookup(c => c.GetString("PartnerId"));
        var list = new List<Partner>();
        await foreach (var row in Partners.QueryAsync<TableEntity>(r => r.PartitionKey == PartnerPartition, cancellationToken: ct))
            list.Add(ToPartner(row, Nearest(row, contacts[row.RowKey].ToList(), scopes)));
        return list;
    }

    private async Task<TableEntity?> PartnerRowAsync(string id, CancellationToken ct)
    {
        var row = await Partners.GetEntityIfExistsAsync<TableEntity>(PartnerPartition, id, cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    private async Task<List<TableEntity>> ContactsAsync(string filter, CancellationToken ct)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Partners.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
        return rows;
    }

    private static Official? Nearest(TableEntity partner, IReadOnlyList<TableEntity> contacts, IReadOnlyList<ContactScope> scopes)
    {
        foreach (var scope in scopes)
        {
            var row = scope == ContactScope.Everyone ? partner : contacts.FirstOrDefault(c => c.GetString("Scope") == scope.Key);
            if (row?.GetString("ContactEmail") is { Length: > 0 } email) return new Official(row.GetString("ContactName") ?? "", email);
        }
        return null;
    }

    private static string ContactRow(string partnerId, ContactScope scope) => $"{partnerId}|{scope.Key}";

    private static Institution ToInstitution(TableEntity r) => new(
        r.RowKey, r.GetString("Name"), Enum.Parse<InstitutionKind>(r.GetString("Kind")), r.GetString("Class"),
        r.GetString("RegionId"), r.GetString("TimeZone"), r.GetString("HeadName"), r.GetString("HeadEmail"),
        r.GetString("Delegates") is { } json ? JsonSerializer.Deserialize<List<Official>>(json, SinergiJson.Options)! : []);

    private static Partner ToPartner(TableEntity r, Official? contact) => new(
        r.RowKey, r.GetString("Name"), Enum.Parse<PartnerKind>(r.GetString("Kind")), contact?.Name ?? "", contact?.Email ?? "");
}
