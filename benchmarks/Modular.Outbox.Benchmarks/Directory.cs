using System.Globalization;
using System.Text;
using MediatR;
using Modular.Accounts.Contracts;
using Modular.Core.Composition;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Outbox.Benchmarks;

/// <summary>
/// Generated customers, one contract and one confirmed portal user each, answered from memory through the same Contracts
/// queries the real modules answer: the figures then measure the outbox, Billing's allocation and the payment emails,
/// not Accounts' or Readings' own lookups.
/// </summary>
internal static class Generated
{
    public static int Customers { get; set; }

    public static Guid CustomerId(int index) => new(index, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0);

    public static Guid ContractId(int index) => new(index, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);

    public static int IndexOf(Guid id) => BitConverter.ToInt32(id.ToByteArray(), 0);

    public static string ClientCode(int index) => "CL" + index.ToString("D8", CultureInfo.InvariantCulture);

    public static ContractSummary Contract(int index) => new(ContractId(index), $"C{index:D8}", CustomerId(index), ClientCode(index),
        $"Client {index} Ștefănescu", LegalType.Individual, $"Str. Lungă {index % 500}, Brașov", ConnectedServices.Water | ConnectedServices.Sewerage,
        new LocalDate(2015, 1, 1), null);

    /// <summary>A partner file with one payment per line: line i pays 60 RON for customer i mod <see cref="Customers"/>.</summary>
    public static string PartnerFile(int lines, string folder)
    {
        var path = Path.Combine(folder, $"partner-{lines}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("transaction_id;date;reference;amount;terminal\n");
        for (var i = 0; i < lines; i++)
        {
            writer.Write($"T{i};2026-11-24;{ClientCode(i % Customers)};60.00;K{i % 40}\n");
        }

        return path;
    }
}

internal sealed class StandInModule(string name) : ModularModule
{
    public override string Name => name;
}

internal sealed class AccountsStandIn :
    IRequestHandler<ListContracts, Result<IReadOnlyList<ContractSummary>>>,
    IRequestHandler<FindCustomerByClientCode, Result<CustomerSummary>>,
    IRequestHandler<GetCustomerContacts, Result<IReadOnlyList<CustomerContact>>>,
    IRequestHandler<GetInvoiceEmailRecipients, Result<IReadOnlyList<InvoiceEmailRecipient>>>
{
    public Task<Result<IReadOnlyList<ContractSummary>>> Handle(ListContracts request, CancellationToken cancellationToken)
    {
        var start = request.AfterContractId is { } after ? Generated.IndexOf(after) + 1 : 0;
        var end = Math.Min(Generated.Customers, start + request.PageSize);
        return Task.FromResult(Result.Success<IReadOnlyList<ContractSummary>>(
            Enumerable.Range(start, Math.Max(0, end - start)).Select(Generated.Contract).ToList()));
    }

    public Task<Result<CustomerSummary>> Handle(FindCustomerByClientCode request, CancellationToken cancellationToken) =>
        Task.FromResult(request.ClientCode.StartsWith("CL", StringComparison.Ordinal)
            && int.TryParse(request.ClientCode.AsSpan(2), CultureInfo.InvariantCulture, out var index) && index < Generated.Customers
            ? Result.Success(new CustomerSummary(Generated.CustomerId(index), request.ClientCode, $"Client {index}", LegalType.Individual))
            : Result<CustomerSummary>.Failure(CoreErrors.NotFound));

    public Task<Result<IReadOnlyList<CustomerContact>>> Handle(GetCustomerContacts request, CancellationToken cancellationToken)
    {
        var index = Generated.IndexOf(request.CustomerId);
        return Task.FromResult(Result.Success<IReadOnlyList<CustomerContact>>(
            [new CustomerContact(new Guid(index, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0), $"client{index}@bench.example", "ro")]));
    }

    // Invoice emails are not part of this measurement: nobody opted in.
    public Task<Result<IReadOnlyList<InvoiceEmailRecipient>>> Handle(GetInvoiceEmailRecipients request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success<IReadOnlyList<InvoiceEmailRecipient>>([]));
}

internal sealed class ReadingsStandIn : IRequestHandler<GetBillingConsumption, Result<IReadOnlyList<ContractConsumption>>>
{
    public Task<Result<IReadOnlyList<ContractConsumption>>> Handle(GetBillingConsumption request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success<IReadOnlyList<ContractConsumption>>(request.ContractIds.Select(id =>
        {
            var cubicMeters = (Generated.IndexOf(id) % 20) + 0.5m;
            return new ContractConsumption(id, request.Period, cubicMeters, ConsumptionQuality.Actual, request.Period.OnDayOfMonth(25), cubicMeters, null);
        }).ToList()));
}
