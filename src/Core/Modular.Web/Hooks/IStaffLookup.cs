namespace Modular.Web.Hooks;

/// <summary>
/// Finds the customer an exact identifier belongs to, for the back office's customer look-up: a module registers one for
/// the identifiers it owns (Billing: an invoice number, typed or scanned from the barcode). The look-up asks each before
/// searching names and addresses; the first customer found opens at once.
/// </summary>
public interface IStaffLookup
{
    /// <summary>The customer whose identifier <paramref name="text"/> is, or null (also when the caller may not see it).</summary>
    Task<Guid?> FindCustomerAsync(string text, CancellationToken cancellationToken);
}
