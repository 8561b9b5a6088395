using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Localization;
using Modular.Core.Persistence;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Accounts.Import;

/// <summary>
/// Idempotent upsert of directory rows: customers by client code, contracts by contract number. Rows are checked one by one
/// (a bad row is reported and touches nothing) and saved in batches; a batch that collides with a concurrent import (a
/// duplicate key, or a deadlock between their inserts on PostgreSQL) is re-read and applied again, so the result is the same as if the imports had run one after the other.
/// </summary>
internal sealed class CustomerUpserter(AccountsDbContext db, UtilityClock clock, ITextCatalog texts, IOptions<AccountsOptions> options)
{
    private const int BatchSize = 500;
    private const int Attempts = 5;

    public async Task<ImportReport> UpsertAsync(IAsyncEnumerable<ParsedRow> rows, string? culture, CancellationToken cancellationToken)
    {
        var report = new Tally();
        var batch = new List<ParsedRow>(BatchSize);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var error = row.Value is null ? (row.ErrorCode!, row.Column) : Check(row.Value);
            var clean = error.Item1 is null ? LegalData.Clean(Clean(row.Value!), options.Value.DefaultCountry) : default;
            if (error.Item1 is not null || clean.Code is not null)
            {
                report.Rejected.Add(Rejection(row.Row, row.ClientCode, error.Item1 ?? clean.Code!, error.Item2 ?? clean.Column, culture));
                continue;
            }

            batch.Add(row with { Value = clean.Row });
            if (batch.Count == BatchSize)
            {
                await FlushAsync(batch, report, culture, cancellationToken);
                batch.Clear();
            }
        }

        await FlushAsync(batch, report, culture, cancellationToken);
        return new ImportReport(report.Created, report.Updated, report.Unchanged, report.Rejected.OrderBy(r => r.Row).ToList());
    }

    private async Task FlushAsync(List<ParsedRow> batch, Tally report, string? culture, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var tally = await ApplyAsync(batch, culture, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                report.Add(tally);
                return;
            }
            catch (Exception ex) when ((DbErrors.IsUniqueViolation(ex) || DbErrors.IsTransient(ex)) && attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Tally> ApplyAsync(List<ParsedRow> batch, string? culture, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var tally = new Tally();
        var codes = batch.Select(r => r.Value!.ClientCode).Distinct().ToList();
        var numbers = batch.Select(r => r.Value!.ContractNumber).Distinct().ToList();
        var customers = await db.Customers.Where(c => codes.Contains(c.ClientCode)).ToDictionaryAsync(c => c.ClientCode, cancellationToken);
        var contracts = await db.Contracts.Where(k => numbers.Contains(k.ContractNumber)).ToDictionaryAsync(k => k.ContractNumber, cancellationToken);
        foreach (var (rowNumber, _, value, _, _) in batch)
        {
            var row = value!;
            customers.TryGetValue(row.ClientCode, out var customer);
            contracts.TryGetValue(row.ContractNumber, out var contract);
            if (contract is not null && customer is null)
            {
                // Contracts are read after customers: a concurrent import may have committed both in between.
                customer = await db.Customers.SingleOrDefaultAsync(c => c.ClientCode == row.ClientCode, cancellationToken);
                if (customer is not null)
                {
                    customers[row.ClientCode] = customer;
                }
            }

            if (contract is not null && contract.CustomerId != customer?.Id)
            {
                tally.Rejected.Add(Rejection(rowNumber, row.ClientCode, ImportErrors.ContractOfOtherCustomer, "contract_number", culture));
                continue;
            }

            var changed = false;
            if (customer is null)
            {
                customer = new Customer { Id = Guid.NewGuid(), ClientCode = row.ClientCode };
                customer.Apply(row, now);
                db.Customers.Add(customer);
                customers[row.ClientCode] = customer;
            }
            else
            {
                changed = customer.Apply(row, now);
            }

            if (contract is null)
            {
                contract = new Contract { Id = Guid.NewGuid(), CustomerId = customer.Id, ContractNumber = row.ContractNumber };
                contract.Apply(row.InternalCode, row.ServiceAddress, row.Services, row.StartDate, row.EndDate, now);
                contract.ApplyCoordinates(row.Latitude, row.Longitude, now);
                db.Contracts.Add(contract);
                contracts[row.ContractNumber] = contract;
                AnnounceTerms(contract, now);
                tally.Created++;
                continue;
            }

            var terms = (contract.StartDate, contract.EndDate);
            changed |= contract.Apply(row.InternalCode, row.ServiceAddress, row.Services, row.StartDate, row.EndDate, now);
            changed |= contract.ApplyCoordinates(row.Latitude, row.Longitude, now);
            if (terms != (contract.StartDate, contract.EndDate))
            {
                AnnounceTerms(contract, now);
            }

            if (changed)
            {
                tally.Updated++;
            }
            else
            {
                tally.Unchanged++;
            }
        }

        return tally;
    }

    /// <summary>Other modules keep the dates (Readings takes no readings after the end); written with the contract.</summary>
    private void AnnounceTerms(Contract contract, Instant now) =>
        db.Publish(new ContractTermsChanged(Guid.CreateVersion7(), now, contract.Id, contract.StartDate, contract.EndDate));

    private (string?, string?) Check(CustomerDirectoryRow row)
    {
        (string?, string?) ok = (null, null);
        if (string.IsNullOrWhiteSpace(row.ClientCode) || string.IsNullOrWhiteSpace(row.Name) || string.IsNullOrWhiteSpace(row.ContractNumber)
            || string.IsNullOrWhiteSpace(row.ServiceAddress))
        {
            return (ImportErrors.Required, null);
        }

        if (row.ClientCode.Trim().Length > 50 || row.ContractNumber.Trim().Length > 50 || row.InternalCode?.Trim().Length > 50
            || row.Name.Trim().Length > 300 || row.ServiceAddress.Trim().Length > 500)
        {
            return (ImportErrors.TooLong, null);
        }

        if (!string.IsNullOrWhiteSpace(row.Email) && !ValidationRules.IsEmail(row.Email))
        {
            return (ImportErrors.EmailInvalid, "email");
        }

        if (!string.IsNullOrWhiteSpace(row.Phone) && !Phones.IsValid(row.Phone, options.Value.PhonePattern))
        {
            return (ImportErrors.PhoneInvalid, "phone");
        }

        if (row.Services == ConnectedServices.None || !Enum.IsDefined(row.LegalType))
        {
            return (row.Services == ConnectedServices.None ? ImportErrors.ServicesInvalid : ImportErrors.LegalTypeInvalid, null);
        }

        if (row.Latitude is null != row.Longitude is null || row.Latitude is < -90 or > 90 || row.Longitude is < -180 or > 180
            || row.Latitude is { } lat && !double.IsFinite(lat) || row.Longitude is { } lon && !double.IsFinite(lon))
        {
            return (ImportErrors.CoordinatesInvalid, row.Latitude is null ? "latitude" : "longitude");
        }

        return row.EndDate < row.StartDate ? (ImportErrors.EndBeforeStart, "end_date") : ok;
    }

    private static CustomerDirectoryRow Clean(CustomerDirectoryRow row) => row with
    {
        ClientCode = row.ClientCode.Trim(),
        Name = row.Name.Trim(),
        ContractNumber = row.ContractNumber.Trim(),
        ServiceAddress = row.ServiceAddress.Trim(),
        InternalCode = string.IsNullOrWhiteSpace(row.InternalCode) ? null : row.InternalCode.Trim(),
        Email = string.IsNullOrWhiteSpace(row.Email) ? null : row.Email.Trim(),
        Phone = string.IsNullOrWhiteSpace(row.Phone) ? null : Phones.Normalize(row.Phone),
    };

    private ImportRejection Rejection(int row, string? clientCode, string code, string? column, string? culture) =>
        new(row, clientCode, code, texts.Get(code, culture, new Dictionary<string, object?> { ["column"] = column ?? string.Empty }));

    private sealed class Tally
    {
        public int Created { get; set; }

        public int Updated { get; set; }

        public int Unchanged { get; set; }

        public List<ImportRejection> Rejected { get; } = [];

        public void Add(Tally other)
        {
            Created += other.Created;
            Updated += other.Updated;
            Unchanged += other.Unchanged;
            Rejected.AddRange(other.Rejected);
        }
    }
}
