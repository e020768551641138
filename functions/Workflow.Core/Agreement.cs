using System.Text.Json.Serialization;

namespace Workflow.Core;

/// <summary>
/// One cooperation agreement (MoU, PKS or addendum). Its state changes only through the methods
/// in the partial files beside this one; each checks the move, changes the state and returns the event.
/// </summary>
public sealed partial class Agreement
{
    public const int MinValidityMonths = 12;
    public const int MaxValidityMonths = 60;
    public const int MaxScopeItems = 20;
    public const int MaxAttendees = 100;

    [JsonConstructor]
    private Agreement() { }

    [JsonInclude] public string Id { get; private set; } = "";
    [JsonInclude] public AgreementKind Kind { get; private set; }
    [JsonInclude] public AgreementStatus Status { get; private set; }
    [JsonInclude] public string InstitutionId { get; private set; } = "";
    [JsonInclude] public string RegionId { get; private set; } = "";
    [JsonInclude] public string TimeZone { get; private set; } = "";
    [JsonInclude] public string PartnerId { get; private set; } = "";
    [JsonInclude] public string Title { get; private set; } = "";
    [JsonInclude] public string Purpose { get; private set; } = "";
    [JsonInclude] public IReadOnlyList<ScopeItem> Scope { get; private set; } = [];
    [JsonInclude] public int ValidityMonths { get; private set; }
    [JsonInclude] public string? ParentAgreementId { get; private set; }
    [JsonInclude] public string? RenewalOfId { get; private set; }
    [JsonInclude] public string? RenewedById { get; private set; }

    /// <summary>Nothing more happens to it: renewed, expired, terminated, or rejected in review.</summary>
    public bool HasEnded => Status is AgreementStatus.Renewed or AgreementStatus.Expired or AgreementStatus.Terminated or AgreementStatus.Rejected;
    /// <summary>The renewal started from this agreement and not yet signed.</summary>
    [JsonInclude] public string? PendingRenewalId { get; private set; }
    [JsonInclude] public Audiensi? Audiensi { get; private set; }
    // What piles up over a life (every draft, round and evaluation) is not kept here but in the events;
    // see AgreementHistory. The agreement keeps what its rules need, so its size does not grow with its age.
    /// <summary>The newest draft version, and how many there are.</summary>
    [JsonInclude] public DraftVersion? LatestDraft { get; private set; }
    [JsonInclude] public int DraftCount { get; private set; }
    /// <summary>The newest review round, open or closed.</summary>
    [JsonInclude] public ReviewRound? LatestRound { get; private set; }
    [JsonInclude] public Signing? Signing { get; private set; }
    [JsonInclude] public DateOnly? EffectiveFrom { get; private set; }
    [JsonInclude] public DateOnly? ExpiresOn { get; private set; }
    [JsonInclude] public IReadOnlyList<ActionItem> ActionPlan { get; private set; } = [];
    /// <summary>The last number given to an action-plan item's id.</summary>
    [JsonInclude] public int ActionItemSeq { get; private set; }
    [JsonInclude] public int EvaluationCount { get; private set; }
    /// <summary>The latest period end that a recorded evaluation covers.</summary>
    [JsonInclude] public DateOnly? EvaluatedThrough { get; private set; }
    [JsonInclude] public Termination? Termination { get; private set; }
    /// <summary>The partner's link now valid, if any (revoked, or replaced by a new one, it is gone).</summary>
    [JsonInclude] public PartnerLink? PartnerLink { get; private set; }
    /// <summary>
    /// Ids of the notices and reminders already sent (<see cref="ScheduledTimer.Id"/>) that the schedule still holds:
    /// none goes twice, and ids the schedule no longer holds are dropped.
    /// </summary>
    [JsonInclude] public IReadOnlyList<string> SentNotices { get; private set; } = [];
    [JsonInclude] public DateTimeOffset CreatedAt { get; private set; }
    [JsonInclude] public string CreatedBy { get; private set; } = "";

    public DateOnly Today(DateTimeOffset now) => InstitutionTime.Today(TimeZone, now);

    public static (Agreement Agreement, AgreementCreated Event) Create(string id, NewAgreement input, Actor by, DateTimeOffset now)
    {
        var v = new Validator();
        var agreement = FromNew(id, input, v, by, now);
        v.ThrowIfAny();
        agreement.Status = agreement.Audiensi is null ? AgreementStatus.Drafting : AgreementStatus.Exploring;
        var created = new AgreementCreated(now, by, agreement.Kind, agreement.Status, agreement.InstitutionId, agreement.PartnerId,
            agreement.Title, agreement.ValidityMonths, agreement.ParentAgreementId, agreement.RenewalOfId, agreement.Audiensi);
        return (agreement, created);
    }

    /// <summary>An agreement signed before Sinergi: it arrives Active, or Expired when its dates are already past.</summary>
    public static (Agreement Agreement, AgreementImported Event) Import(
        string id, NewAgreement input, SigningInput signing, DocumentRef signedDocument, Actor by, DateTimeOffset now)
    {
        var v = new Validator();
        var agreement = FromNew(id, input, v, by, now);
        if (input.Audiensi is not null) v.Add("audiensi", "Perjanjian impor tidak memakai audiensi.");
        var record = agreement.ValidateSigning(signing, signedDocument, v, now, imported: true);
        v.ThrowIfAny();
        agreement.ApplySigning(record);
        agreement.Status = agreement.Today(now) >= agreement.ExpiresOn ? AgreementStatus.Expired : AgreementStatus.Active;
        var imported = new AgreementImported(now, by, agreement.Kind, agreement.Status, agreement.InstitutionId, agreement.PartnerId,
            agreement.Title, agreement.ValidityMonths, record, agreement.ExpiresOn!.Value, agreement.RenewalOfId);
        return (agreement, imported);
    }

    private static Agreement FromNew(string id, NewAgreement input, Validator v, Actor by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("An agreement needs an id.", nameof(id));
        var zone = input.TimeZone ?? "";
        if (!InstitutionTime.IsKnown(zone)) v.Add("timeZone", "Zona waktu harus Asia/Jakarta, Asia/Makassar atau Asia/Jayapura.");
        var agreement = new Agreement
        {
            Id = id,
            InstitutionId = v.Line("institutionId", input.InstitutionId, 64),
            RegionId = v.Line("regionId", input.RegionId, 64),
            TimeZone = zone,
            PartnerId = v.Line("partnerId", input.PartnerId, 64),
            Kind = v.Required("kind", input.Kind),
            Title = v.Line("title", input.Title, 300, min: 3),
            Purpose = v.Text("purpose", input.Purpose, 4000),
            Scope = ValidateScope(input.Scope, v),
            ValidityMonths = v.Range("validityMonths", input.ValidityMonths, MinValidityMonths, MaxValidityMonths),
            ParentAgreementId = v.OptionalLine("parentAgreementId", input.ParentAgreementId, 64),
            RenewalOfId = v.OptionalLine("renewalOfId", input.RenewalOfId, 64),
            Audiensi = input.Audiensi is null ? null : ValidateAudiensi(input.Audiensi, v, zone, now),
            CreatedAt = now,
            CreatedBy = by.Email,
        };
        if (agreement.ParentAgreementId is not null && agreement.Kind == AgreementKind.Mou)
            v.Add("parentAgreementId", "Nota Kesepahaman tidak memiliki induk.");
        if (agreement.Kind == AgreementKind.Addendum && agreement.ParentAgreementId is null)
            v.Add("parentAgreementId", "Addendum wajib menyebut perjanjian yang diubahnya.");
        return agreement;
    }

    private static IReadOnlyList<ScopeItem> ValidateScope(IReadOnlyList<ScopeInput>? scope, Validator v)
    {
        var items = v.List("scope", scope, 1, MaxScopeItems);
        var result = items.Select((s, i) => s is null
                ? new ScopeItem(ProgramArea.Other, "")
                : new ScopeItem(v.Required($"scope[{i}].area", s.Area), v.Text($"scope[{i}].description", s.Description, 2000)))
            .ToList();
        if (items.Any(s => s is null)) v.Add("scope", "Isian ruang lingkup tidak boleh kosong.");
        return result;
    }

    private static Audiensi ValidateAudiensi(AudiensiInput input, Validator v, string zone, DateTimeOffset now)
    {
        var date = v.Required("audiensi.date", input.Date);
        if (InstitutionTime.IsKnown(zone) && date > InstitutionTime.Today(zone, now))
            v.Add("audiensi.date", "Tanggal audiensi belum terjadi.");
        return new Audiensi(
            date,
            v.Line("audiensi.place", input.Place, 300),
            v.People("audiensi.attendees", input.Attendees, 1, MaxAttendees),
            v.OptionalText("audiensi.notes", input.Notes, 4000));
    }
}
