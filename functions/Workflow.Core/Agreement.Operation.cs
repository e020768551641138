namespace Workflow.Core;

public sealed partial class Agreement
{
    public const int MaxActionItems = 200;
    public const int MaxSignatories = 20;
    public const int MaxWitnesses = 50;
    public const int RenewalNeedsEvaluationWithinMonths = 12;

    public AgreementSigned Sign(SigningInput signing, DocumentRef signedDocument, Actor by, DateTimeOffset now)
    {
        Check(Move.Signing, now);
        var v = new Validator();
        var record = ValidateSigning(signing, signedDocument, v, now, imported: false);
        v.ThrowIfAny();
        if (Today(now) >= record.EffectiveFrom.AddMonths(ValidityMonths))
            throw DomainValidationException.For("effectiveFrom",
                "Masa berlaku sudah habis pada tanggal ini; catat perjanjian lama melalui impor.");
        ApplySigning(record);
        Status = AgreementStatus.Active;
        return new AgreementSigned(now, by, record, ExpiresOn!.Value, RenewalOfId);
    }

    private Signing ValidateSigning(SigningInput input, DocumentRef document, Validator v, DateTimeOffset now, bool imported)
    {
        var signedOn = v.Required("signedOn", input.SignedOn);
        if (InstitutionTime.IsKnown(TimeZone) && input.SignedOn is not null && signedOn > Today(now))
            v.Add("signedOn", "Tanggal penandatanganan belum terjadi.");
        var effective = input.EffectiveFrom ?? signedOn;
        if (input.EffectiveFrom is not null && effective < signedOn)
            v.Add("effectiveFrom", "Tanggal berlaku tidak boleh sebelum tanggal penandatanganan.");
        return new Signing(
            signedOn,
            v.Line("place", input.Place, 300),
            effective,
            v.People("signatories", input.Signatories, 2, MaxSignatories),
            input.Witnesses is null ? [] : v.People("witnesses", input.Witnesses, 0, MaxWitnesses),
            document,
            imported);
    }

    private void ApplySigning(Signing record)
    {
        Signing = record;
        EffectiveFrom = record.EffectiveFrom;
        ExpiresOn = record.EffectiveFrom.AddMonths(ValidityMonths);
    }

    public const int MaxEvidenceFiles = 10;

    /// <summary>
    /// Replaces the plan. An item keeps its id (and with it its progress) when it names it, or else when its activity is
    /// one the plan had; other items get new ids. Ids are never used twice.
    /// </summary>
    public ActionPlanUpdated SetActionPlan(IReadOnlyList<ActionItemInput>? items, Actor by, DateTimeOffset now)
    {
        Check(Move.ActionPlan, now);
        var v = new Validator();
        var previous = ActionPlan;
        var seq = ActionItemSeq;
        var plan = v.List("items", items, 0, MaxActionItems)
            .Select((item, i) =>
            {
                if (item is null) return new ActionItem("", "", null, null, ActionItemStatus.Planned);
                var activity = v.Line($"items[{i}].activity", item.Activity, 500);
                var kept = item.Id is { Length: > 0 } id
                    ? previous.FirstOrDefault(p => p.Id == id) ?? Unknown(v, $"items[{i}].id", id)
                    : previous.FirstOrDefault(p => string.Equals(p.Activity, activity, StringComparison.OrdinalIgnoreCase));
                return new ActionItem(
                    activity,
                    v.Line($"items[{i}].owner", item.Owner, 200),
                    item.DueOn,
                    v.OptionalLine($"items[{i}].frequency", item.Frequency, 100),
                    v.Required($"items[{i}].status", item.Status))
                {
                    Id = kept?.Id ?? $"i{++seq}", PartnerOwned = item.PartnerOwned ?? kept?.PartnerOwned ?? false,
                    Reports = kept?.Reports ?? 0, LastReportOn = kept?.LastReportOn,
                };
            })
            .ToList();
        if (items?.Any(i => i is null) == true) v.Add("items", "Kegiatan tidak boleh kosong.");
        for (var i = 0; i < plan.Count; i++)
            if (plan[i].DueOn is null && plan[i].Frequency is null)
                v.Add($"items[{i}]", "Isi tanggal target (dueOn) atau frekuensi.");
        var duplicate = plan.GroupBy(p => p.Activity, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Key != "" && g.Count() > 1);
        if (duplicate is not null) v.Add("items", $"Kegiatan '{duplicate.Key}' tercantum lebih dari sekali.");
        var twice = plan.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) v.Add("items", $"Kegiatan dengan id '{twice.Key}' tercantum lebih dari sekali.");
        v.ThrowIfAny();
        (ActionPlan, ActionItemSeq) = (plan, seq);
        return new ActionPlanUpdated(now, by, plan);

        static ActionItem? Unknown(Validator v, string field, string id)
        {
            v.Add(field, $"Rencana aksi tidak memuat kegiatan dengan id '{id}'.");
            return null;
        }
    }

    /// <summary>
    /// A progress report on one item of the plan: the item takes the reported status. Through the partner's link
    /// (<paramref name="viaPartnerLink"/>) only an item the partner owns can be reported on.
    /// </summary>
    public ProgressReported ReportProgress(
        string itemId, ProgressInput input, IReadOnlyList<DocumentRef> evidence, Actor by, DateTimeOffset now, bool viaPartnerLink = false)
    {
        Check(Move.Progress, now);
        var v = new Validator();
        var item = ActionPlan.FirstOrDefault(i => i.Id == itemId);
        if (item is null) throw DomainValidationException.For("itemId", $"Rencana aksi tidak memuat kegiatan dengan id '{itemId}'.");
        if (viaPartnerLink && !item.PartnerOwned)
            throw DomainValidationException.For("itemId", "Kegiatan ini dilaksanakan lembaga; mitra melaporkan kegiatan yang menjadi tanggung jawabnya.");
        var date = v.Required("date", input.Date);
        if (input.Date > Today(now)) v.Add("date", "Tanggal laporan tidak boleh melewati hari ini.");
        var summary = v.Text("summary", input.Summary, 4000);
        if (input.Participants is < 0 or > 100_000) v.Add("participants", "Jumlah warga binaan peserta 0 sampai 100000.");
        var status = v.Required("status", input.Status);
        if (status == ActionItemStatus.Cancelled) v.Add("status", "Laporkan status belum mulai (Planned), berjalan (InProgress) atau selesai (Done).");
        if (evidence.Count > MaxEvidenceFiles) v.Add("files", $"Paling banyak {MaxEvidenceFiles} berkas bukti.");
        v.ThrowIfAny();

        var report = new ProgressReport(item.Id, item.Activity, date, summary, input.Participants, status, evidence, now, by.Email, viaPartnerLink);
        ActionPlan = [.. ActionPlan.Select(i => i.Id != item.Id ? i : i with
        {
            Status = status, Reports = i.Reports + 1, LastReportOn = i.LastReportOn is { } last && last > date ? last : date,
        })];
        return new ProgressReported(now, by, report);
    }

    public EvaluationRecorded RecordEvaluation(EvaluationInput input, DocumentRef? document, Actor by, DateTimeOffset now)
    {
        Check(Move.Evaluations, now);
        var v = new Validator();
        var periodEnd = v.Required("periodEnd", input.PeriodEnd);
        if (input.PeriodEnd is not null && (periodEnd > Today(now) || periodEnd < EffectiveFrom))
            v.Add("periodEnd", $"Akhir periode harus antara {EffectiveFrom:yyyy-MM-dd} dan hari ini.");
        var scores = (input.ItemScores is null ? [] : v.List("itemScores", input.ItemScores, 0, MaxActionItems))
            .Select((s, i) => s is null
                ? new ItemScore("", 0)
                : new ItemScore(v.Line($"itemScores[{i}].activity", s.Activity, 500), v.Range($"itemScores[{i}].score", s.Score, 1, 5)))
            .ToList();
        for (var i = 0; i < scores.Count; i++)
            if (scores[i].Activity != "" && !ActionPlan.Any(a => string.Equals(a.Activity, scores[i].Activity, StringComparison.OrdinalIgnoreCase)))
                v.Add($"itemScores[{i}].activity", "Kegiatan ini tidak ada di rencana aksi.");
        var evaluation = new Evaluation(
            EvaluationCount + 1,
            periodEnd,
            v.Text("summary", input.Summary, 8000),
            v.Required("recommendation", input.Recommendation),
            scores,
            document,
            now,
            by.Email);
        v.ThrowIfAny();
        EvaluationCount = evaluation.Number;
        if (EvaluatedThrough is null || periodEnd > EvaluatedThrough) EvaluatedThrough = periodEnd;
        return new EvaluationRecorded(now, by, evaluation);
    }

    /// <summary>Starts a renewal; the caller creates the new agreement from the returned seed under <paramref name="renewalId"/>.</summary>
    public (RenewalStarted Event, NewAgreement Renewal) StartRenewal(string renewalId, int? validityMonths, Actor by, DateTimeOffset now)
    {
        Check(Move.Renewal, now);
        var v = new Validator();
        var months = v.Range("validityMonths", validityMonths, MinValidityMonths, MaxValidityMonths);
        v.ThrowIfAny();

        PendingRenewalId = renewalId;
        var seed = new NewAgreement(InstitutionId, RegionId, TimeZone, PartnerId, Kind, Title, Purpose,
            Scope.Select(s => new ScopeInput(s.Area, s.Description)).ToList(), months, ParentAgreementId, Id, null);
        return (new RenewalStarted(now, by, renewalId, months), seed);
    }

    public bool IsRenewedBy(string renewalId) => Status == AgreementStatus.Renewed && RenewedById == renewalId;

    /// <summary>The renewal was signed: this agreement is succeeded (also when it had already expired).</summary>
    public AgreementRenewed MarkRenewed(string renewalId, Actor by, DateTimeOffset now)
    {
        Require("menandai diperpanjang", "mark it renewed", AgreementStatus.Active, AgreementStatus.Expired);
        var previous = Status;
        Status = AgreementStatus.Renewed;
        RenewedById = renewalId;
        PendingRenewalId = null;
        return new AgreementRenewed(now, by, renewalId, previous);
    }

    public AgreementExpired Expire(Actor by, DateTimeOffset now)
    {
        Require("menandai kedaluwarsa", "mark it expired", AgreementStatus.Active);
        if (Today(now) < ExpiresOn)
            throw new InvalidMoveException($"Perjanjian masih berlaku sampai {ExpiresOn:yyyy-MM-dd}.");
        Status = AgreementStatus.Expired;
        return new AgreementExpired(now, by, ExpiresOn!.Value);
    }

    /// <summary>
    /// Ends the agreement on <paramref name="effectiveOn"/>: at once when that day has come, else it stays Active until
    /// then (<see cref="ScheduledTermination"/>), and can be withdrawn meanwhile.
    /// </summary>
    public AgreementEvent Terminate(string? reason, DateOnly? effectiveOn, Actor by, DateTimeOffset now)
    {
        Check(Move.Termination, now);
        var v = new Validator();
        var cleanReason = v.Text("reason", reason, 2000);
        var date = v.Required("effectiveOn", effectiveOn);
        if (effectiveOn is not null && (date < EffectiveFrom || date > ExpiresOn))
            v.Add("effectiveOn", $"Tanggal berakhir harus antara {EffectiveFrom:yyyy-MM-dd} dan {ExpiresOn:yyyy-MM-dd}.");
        v.ThrowIfAny();
        Termination = new Termination(cleanReason, date, now, by.Email);
        if (date > Today(now)) return new TerminationScheduled(now, by, cleanReason, date);
        Status = AgreementStatus.Terminated;
        return new AgreementTerminated(now, by, cleanReason, date);
    }

    /// <summary>A termination recorded for a day still ahead, while it has not taken effect.</summary>
    public Termination? ScheduledTermination => Status == AgreementStatus.Active ? Termination : null;

    /// <summary>Calls off the scheduled termination; the agreement goes on as before (its renewal notices and expiry again).</summary>
    public TerminationWithdrawn WithdrawTermination(string? reason, Actor by, DateTimeOffset now)
    {
        Check(Move.Withdrawal, now);
        var v = new Validator();
        var cleanReason = v.Text("reason", reason, 2000);
        v.ThrowIfAny();
        var withdrawn = Termination!;
        Termination = null;
        return new TerminationWithdrawn(now, by, cleanReason, withdrawn.EffectiveOn);
    }

    /// <summary>The scheduled termination's day has come (its timer).</summary>
    private AgreementTerminated TerminationTakesEffect(Actor by, DateTimeOffset now)
    {
        var termination = ScheduledTermination ?? throw new InvalidMoveException("Tidak ada pengakhiran terjadwal.");
        Status = AgreementStatus.Terminated;
        return new AgreementTerminated(now, by, termination.Reason, termination.EffectiveOn);
    }
}
