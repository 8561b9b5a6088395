using Microsoft.EntityFrameworkCore;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Time;

namespace Modular.Billing.Documents;

/// <summary>
/// An issued invoice's PDF per language, rendered on first request (or for its first email) and served as stored from then
/// on. Two first requests at once may both render; the first stored wins and both answer a valid document.
/// </summary>
internal sealed class InvoiceDocumentStore(BillingDbContext db, InvoiceDocumentRenderer renderer, UtilityClock clock)
{
    private const string Columns = "(\"InvoiceId\", \"Culture\", \"Content\", \"RenderedAt\") VALUES ({0}, {1}, {2}, {3}) ON CONFLICT DO NOTHING";
    private const string InsertSqlite = "INSERT INTO \"billing_invoice_documents\" " + Columns;
    private const string InsertPostgres = "INSERT INTO \"billing\".\"invoice_documents\" " + Columns;

    public async Task<byte[]> GetOrRenderPdfAsync(Invoice invoice, string? culture, CancellationToken cancellationToken)
    {
        var language = renderer.Language(culture);
        var stored = await db.InvoiceDocuments.AsNoTracking()
            .Where(d => d.InvoiceId == invoice.Id && d.Culture == language)
            .Select(d => d.Content)
            .SingleOrDefaultAsync(cancellationToken);
        if (stored is not null)
        {
            return stored;
        }

        var pdf = await renderer.RenderPdfAsync(invoice, language, cancellationToken);

        // No failing statement: this may run inside a consumer's transaction, which a unique violation would abort on PostgreSQL.
        var renderedAt = clock.Now.ToDateTimeUtc();
        var sql = db.IsSqlite ? InsertSqlite : InsertPostgres;
        await db.Database.ExecuteSqlRawAsync(sql, [invoice.Id, language, pdf, renderedAt], cancellationToken);
        return pdf;
    }
}
