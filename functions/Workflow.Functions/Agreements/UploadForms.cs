using Workflow.Core;

namespace Workflow.Functions.Agreements;

// The parts of each multipart upload, in the order they must come, as the API description names them. The handlers read
// the parts as they stream (the file straight to blob storage), not into these records.

/// <summary><c>POST …/drafts</c>: the draft (PDF or DOCX) and a note.</summary>
public sealed record DraftUploadForm(IFormFile File, string? Note = null);

/// <summary><c>POST …/signing</c>: the signing's facts, people as JSON arrays, then the signed PDF.</summary>
public sealed record SigningForm(
    DateOnly SignedOn, string Place, IReadOnlyList<PersonInput> Signatories, IFormFile File,
    DateOnly? EffectiveFrom = null, IReadOnlyList<PersonInput>? Witnesses = null);

/// <summary><c>POST /api/agreements/import</c>: the agreement as JSON first (who may import is decided from it), then the signed PDF.</summary>
public sealed record ImportForm(ImportAgreementRequest Agreement, IFormFile File);

/// <summary><c>POST …/evaluations</c> as multipart: the evaluation as JSON, and evidence (PDF, DOCX, PNG, JPEG) if any.</summary>
public sealed record EvaluationForm(EvaluationRequest Evaluation, IFormFile? File = null);

/// <summary>
/// The parts of an endpoint's multipart body, where it also takes JSON (one <c>Accepts</c> names both media types, since
/// the routing takes the last one it is given): the API description shows these parts for multipart.
/// </summary>
public sealed record MultipartForm(Type Parts);

/// <summary><c>POST …/action-plan/{itemId}/progress</c>: the report as JSON, then evidence files (PDF, JPEG, PNG), each a <c>files</c> part.</summary>
public sealed record ProgressForm(ProgressInput Report, IReadOnlyList<IFormFile>? Files = null);
