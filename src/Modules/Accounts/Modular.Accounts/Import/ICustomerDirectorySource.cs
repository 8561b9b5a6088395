using Modular.Accounts.Contracts;

namespace Modular.Accounts.Import;

/// <summary>
/// Extension port: an integrator implements it to feed customers and contracts from the utility's own system (billing,
/// ERP) instead of CSV files. Register it in the container; <see cref="ImportCustomers"/> without a CSV reads from it.
/// One row per contract; rows of the same customer repeat the customer's data.
/// </summary>
public interface ICustomerDirectorySource
{
    IAsyncEnumerable<CustomerDirectoryRow> ReadAsync(CancellationToken cancellationToken);
}
