namespace Workflow.Core;

public enum InstitutionKind { Lapas, Rutan, Lpka, Bapas, Kanwil }

public enum PartnerKind { LocalGovernment, GovernmentAgency, Foundation, University, Bank, Company, Professional, Other }

public enum AgreementKind { Mou, Pks, Addendum }

public enum AgreementStatus { Exploring, Drafting, InReview, Approved, Active, Renewed, Expired, Terminated, Rejected }

public enum ProgramArea
{
    Health, Education, WorkSkills, Agribusiness, DrugRehabilitation, LegalAid, FinancialLiteracy,
    PopulationData, FireSafety, Waste, ProductMarketing, Spiritual, Sport, Psychology, Other,
}

/// <summary>Who a review step is for; escalation rules (later) depend on it.</summary>
public enum ReviewerRole { Legal, HeadOfInstitution, Kanwil, Partner, Other }

public enum ReviewDecision { Approve, Revise, Reject }

public enum ReviewRoundOutcome { Open, Approved, ChangesRequested, Rejected }

public enum Recommendation { Continue, Amend, Renew, Terminate }

public enum ActionItemStatus { Planned, InProgress, Done, Cancelled }
