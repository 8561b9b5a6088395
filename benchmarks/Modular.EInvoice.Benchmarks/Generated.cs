using Autofac;
using MediatR;
using Modular.Accounts.Contracts;
using Modular.Core.Composition;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.EInvoice.Benchmarks;

/// <summary>
/// Deterministic customers, contracts and consumption behind the Contracts queries billing asks: contract i has id
/// (i, 0, 0, …); every 8th customer is a company registered for VAT, every 25th a public body, the rest households (every
/// 3rd with a personal code); every 10th period is estimated and every 20th regularizes.
/// </summary>
public sealed class GeneratedCustomers(int count)
{
    private static readonly (string City, string County, string PostalCode)[] Towns =
        [("Brașov", "RO-BV", "500001"), ("Petroșani", "RO-HD", "332009"), ("Giurgiu", "RO-GR", "080001"), ("SECTOR3", "RO-B", "030001")];

    public int Count { get; } = count;

    public static Guid ContractId(int index) => new(index, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);

    public static Guid CustomerId(int index) => new(index, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0);

    public static int IndexOf(Guid id) => BitConverter.ToInt32(id.ToByteArray(), 0);

    private static LegalType LegalTypeOf(int index) => index % 8 == 1 ? LegalType.Company : index % 25 == 2 ? LegalType.PublicInstitution : LegalType.Individual;

    public ContractSummary Contract(int index) => new(ContractId(index), $"C{index:D8}", CustomerId(index), $"CL{index:D8}",
        LegalTypeOf(index) == LegalType.Individual ? $"Ștefănescu Ioana {index}" : $"SC Pădurea Verde {index} SRL", LegalTypeOf(index),
        $"Strada Lungă {index % 500}, {Towns[index % Towns.Length].City}", ConnectedServices.Water | ConnectedServices.Sewerage, new LocalDate(2015, 1, 1), null);

    public static CustomerParty Party(Guid customerId)
    {
        var index = IndexOf(customerId);
        var (city, county, postalCode) = Towns[index % Towns.Length];
        var legalType = LegalTypeOf(index);
        var taxId = legalType switch
        {
            LegalType.Company => "RO" + Cui(10_000_000 + index),
            LegalType.PublicInstitution => Cui(20_000_000 + index),
            _ => null,
        };
        return new CustomerParty(customerId, $"CL{index:D8}", $"Client {index}", legalType, taxId, legalType == LegalType.Company ? $"J08/{index}/2010" : null,
            legalType == LegalType.Individual && index % 3 == 0 ? "1960523123457" : null, null,
            new PostalAddress($"Strada Lungă {index % 500}", city, county, postalCode, "RO"));
    }

    public static ContractConsumption Consumption(Guid contractId, YearMonth period)
    {
        var index = IndexOf(contractId);
        var cubicMeters = (index % 20) + 0.5m;
        return index % 10 == 3
            ? new ContractConsumption(contractId, period, cubicMeters, ConsumptionQuality.Estimated, null, 0m, null)
            : new ContractConsumption(contractId, period, cubicMeters, ConsumptionQuality.Actual, period.OnDayOfMonth(25),
                index % 20 == 7 ? cubicMeters * 2 : cubicMeters, index % 20 == 7 ? period.PlusMonths(-2).OnDayOfMonth(25) : null);
    }

    public IReadOnlyList<ContractSummary> Page(Guid? after, int size)
    {
        var start = after is { } a ? IndexOf(a) + 1 : 0;
        var end = Math.Min(Count, start + size);
        return Enumerable.Range(start, Math.Max(0, end - start)).Select(Contract).ToList();
    }

    /// <summary>A CUI: the body and its check digit (key 753217532).</summary>
    private static string Cui(int body)
    {
        const string Key = "753217532";
        var digits = body.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(9, '0');
        var sum = digits.Select((c, i) => (c - '0') * (Key[i] - '0')).Sum();
        return body.ToString(System.Globalization.CultureInfo.InvariantCulture) + (sum * 10 % 11 % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class BenchAccounts(GeneratedCustomers customers) : ModularModule
{
    public override string Name => "Accounts";

    protected override void Register(ContainerBuilder builder) => builder.RegisterInstance(customers);
}

public sealed class BenchReadings : ModularModule
{
    public override string Name => "Readings";
}

internal sealed class ListContractsHandler(GeneratedCustomers customers) : IRequestHandler<ListContracts, Result<IReadOnlyList<ContractSummary>>>
{
    public Task<Result<IReadOnlyList<ContractSummary>>> Handle(ListContracts request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success(customers.Page(request.AfterContractId, request.PageSize)));
}

internal sealed class ConsumptionHandler : IRequestHandler<GetBillingConsumption, Result<IReadOnlyList<ContractConsumption>>>
{
    public Task<Result<IReadOnlyList<ContractConsumption>>> Handle(GetBillingConsumption request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success<IReadOnlyList<ContractConsumption>>(request.ContractIds.Select(id => GeneratedCustomers.Consumption(id, request.Period)).ToList()));
}

internal sealed class PartiesHandler : IRequestHandler<GetCustomerParties, Result<IReadOnlyList<CustomerParty>>>
{
    public Task<Result<IReadOnlyList<CustomerParty>>> Handle(GetCustomerParties request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success<IReadOnlyList<CustomerParty>>(request.CustomerIds.Select(GeneratedCustomers.Party).ToList()));
}

internal sealed class RecipientsHandler : IRequestHandler<GetInvoiceEmailRecipients, Result<IReadOnlyList<InvoiceEmailRecipient>>>
{
    public Task<Result<IReadOnlyList<InvoiceEmailRecipient>>> Handle(GetInvoiceEmailRecipients request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success<IReadOnlyList<InvoiceEmailRecipient>>([]));
}
