using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Web.Platform;

/// <summary>
/// Keeps the data protection key ring in the database, so every instance of the portal decrypts the others'
/// cookies and antiforgery tokens. A key is written once and never changed (the key manager adds revocations as
/// new elements), so a unique friendly name makes a repeated store harmless.
/// </summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes, IClock clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.CreatedAt).Select(k => k.Xml).ToList()
            .Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKeyRow
        {
            Id = Guid.NewGuid(),
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = clock.GetCurrentInstant(),
        });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another instance stored the same element first.
        }
    }
}
