using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Core.Demo;

namespace Modular.Accounts.Demo;

/// <summary>Accounts' demo data: <see cref="DemoCustomers.Count"/> customers with their contracts, and the demo login linked to the first.</summary>
internal sealed class AccountsDemoData(AccountsDbContext db) : IDemoData
{
    public async Task<bool> HasDataAsync(CancellationToken cancellationToken) =>
        await db.Customers.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken);

    public async Task LoadAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        // Both are safe to repeat: customers are upserted by client code, and an existing user is left as it is.
        var customers = await context.Mediator.Send(new SeedDemoCustomers(context.Seed, DemoCustomers.Count), cancellationToken);
        if (customers.IsFailure)
        {
            throw new InvalidOperationException("The demo customers could not be loaded: " + customers);
        }

        var user = await context.Mediator.Send(new EnsureDemoUser(DemoCustomers.DemoUserEmail, DemoCustomers.DemoUserPassword, DemoCustomers.FirstClientCode),
            cancellationToken);
        if (user.IsFailure)
        {
            throw new InvalidOperationException("The demo login could not be created: " + user);
        }
    }

    public IEnumerable<string> Describe() => [$"Demo login: {DemoCustomers.DemoUserEmail} / {DemoCustomers.DemoUserPassword}"];
}
