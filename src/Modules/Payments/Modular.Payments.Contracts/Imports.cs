using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Payments.Contracts;

/// <summary>A partner's CSV file (PayPoint, Mobile Distribution...), read with the column mapping configured for <paramref name="Partner"/>.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Import)]
public sealed record ImportPartnerFile(string Partner, Stream Content, string FileName) : ICommand<ImportReport>;

/// <summary>An ISO 20022 camt.053 bank statement (versions 001.02 to 001.08), read as a stream.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Import)]
public sealed record ImportBankStatement(Stream Content, string FileName) : ICommand<ImportReport>;

public enum ImportLineOutcome
{
    /// <summary>Matched to a customer: a payment was recorded.</summary>
    Matched,

    /// <summary>No customer found: the money went to the suspense list.</summary>
    Unmatched,

    /// <summary>Already imported (same file or an overlapping one): nothing added.</summary>
    Duplicate,

    /// <summary>A reversal that undid an earlier payment or suspense item.</summary>
    Reversed,

    /// <summary>Not for us (debits, non-booked entries).</summary>
    Skipped,

    /// <summary>A bad line, with the reason; the rest of the file went on.</summary>
    Rejected,
}

/// <summary>What an import did. <see cref="Lines"/> lists every line that was not simply matched (at most the first 1,000).</summary>
public sealed record ImportReport(
    Guid ImportId,
    string Source,
    int Total,
    int Matched,
    int Unmatched,
    int Duplicates,
    int Reversed,
    int Skipped,
    int Rejected,
    IReadOnlyList<Money> MatchedTotals,
    IReadOnlyList<ImportLineReport> Lines);

/// <summary>One line (CSV row number, or statement entry position) with its outcome and, when not matched, a reason code.</summary>
public sealed record ImportLineReport(int Line, string Key, ImportLineOutcome Outcome, Money? Amount, string? Reference, string? Reason);

/// <summary>The latest imports (files from the folder job or a staff upload), newest first, with their counts.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Suspense)]
public sealed record ListImports(int Take = 100) : IQuery<IReadOnlyList<ImportSummary>>;

/// <summary>One import with its report lines: every line that was not simply matched, with its reason.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Suspense)]
public sealed record GetImport(Guid ImportId) : IQuery<ImportDetails>;

/// <summary>An import's counts as stored when it was committed.</summary>
public sealed record ImportSummary(
    Guid ImportId,
    string Kind,
    string Source,
    string FileName,
    Instant ImportedAt,
    int Total,
    int Matched,
    int Unmatched,
    int Duplicates,
    int Rejected);

/// <summary>An import and its report lines, in file order (at most the first 1,000 not matched).</summary>
public sealed record ImportDetails(ImportSummary Import, IReadOnlyList<ImportLineReport> Lines);
