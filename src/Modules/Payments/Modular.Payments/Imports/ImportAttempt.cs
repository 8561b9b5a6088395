using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Messaging;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Imports;

/// <summary>One import with its outcomes: a format error refuses the file; a duplicate raced in by another import is read again once.</summary>
internal static class ImportAttempt
{
    public static async Task<Result<ImportReport>> RunAsync(PaymentsDbContext db, ILogger logger, Stream content, string invalidCode, Func<CancellationToken, Task<ImportReport>> import,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await import(cancellationToken);
            }
            catch (ImportFormatException ex)
            {
                db.ChangeTracker.Clear();
                logger.LogWarning("Refused an import file: {Reason}", ex.Message);
                return Error.Of(invalidCode, "Content", ("reason", ex.Message));
            }
            catch (Exception ex) when (DbErrors.IsUniqueViolation(ex) && attempt == 0 && content.CanSeek)
            {
                // Another import stored some of the same lines first (EF save or bulk write): read again, they are duplicates now.
                db.ChangeTracker.Clear();
                content.Seek(0, SeekOrigin.Begin);
            }
        }
    }
}
