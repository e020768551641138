using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Directory;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Agreements;

/// <summary>
/// Checks the ids a new agreement names against storage, fills in what the institution decides (region, time zone),
/// and that the caller may start it there: staff their institution's, the Kanwil its region's, admin any; an agreement
/// signed before Sinergi only the Kanwil of its region or admin may import.
/// </summary>
public sealed class NewAgreementResolver(DirectoryStore directory, AgreementStore agreements)
{
    public async Task<NewAgreement> ResolveAsync(CreateAgreementRequest body, Caller caller, string? renewalOfId, CancellationToken ct, bool import = false)
    {
        var v = new Validator();
        var institutionId = Ids.Check(v, "institutionId", body.InstitutionId);
        var partnerId = Ids.Check(v, "partnerId", body.PartnerId);
        var parentId = Ids.Optional(v, "parentAgreementId", body.ParentAgreementId);
        var renewsId = Ids.Optional(v, "renewalOfId", renewalOfId);
        v.ThrowIfAny();

        var institution = await directory.FindInstitutionAsync(institutionId, ct);
        if (institution is null) v.Add("institutionId", $"Lembaga '{institutionId}' tidak terdaftar.");
        if (await directory.FindPartnerAsync(partnerId, [ContactScope.Everyone], ct) is null) v.Add("partnerId", $"Mitra '{partnerId}' tidak terdaftar.");
        v.ThrowIfAny();
        if (import ? !caller.CanImport(institution!.RegionId) : !caller.CanWrite(institution!.Id, institution.RegionId))
            throw new ForbiddenException(import
                ? $"Hanya Kanwil wilayah {institution.Name} atau admin yang dapat mengimpor perjanjiannya."
                : $"Anda tidak berwenang membuat perjanjian untuk {institution.Name}.");

        if (parentId is not null)
        {
            var parent = (await agreements.LoadAsync(parentId, ct))?.Agreement;
            if (parent is null || !caller.CanRead(parent.InstitutionId, parent.RegionId))
                v.Add("parentAgreementId", $"Perjanjian induk '{parentId}' tidak ditemukan.");
            else if (body.Kind == AgreementKind.Pks && parent.Kind != AgreementKind.Mou)
                v.Add("parentAgreementId", "Induk PKS harus sebuah Nota Kesepahaman (MoU).");
        }
        if (renewsId is not null)
        {
            var renewed = (await agreements.LoadAsync(renewsId, ct))?.Agreement;
            if (renewed is null || renewed.InstitutionId != institution.Id)
                v.Add("renewalOfId", $"Perjanjian '{renewsId}' tidak ditemukan di {institution.Name}.");
            else if (renewed.PartnerId != partnerId)
                v.Add("renewalOfId", "Perpanjangan harus dengan mitra yang sama.");
        }
        v.ThrowIfAny();

        return new NewAgreement(institution.Id, institution.RegionId, institution.TimeZone, partnerId, body.Kind, body.Title,
            body.Purpose, body.Scope, body.ValidityMonths, parentId, renewsId, body.Audiensi);
    }
}
