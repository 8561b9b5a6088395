using System.Globalization;
using MediatR;
using Modular.Accounts.Contracts;
using Modular.Core.Composition;
using Modular.Core.Results;
using NodaTime;

namespace Modular.Notifications.Benchmarks;

/// <summary>
/// Generated customers, one contract and one confirmed portal user each, answered from memory through the same Contracts
/// queries the real Accounts module answers: the figures then measure the Notifications module's fan-out, not Accounts.
/// </summary>
internal static class Generated
{
    public static int Customers { get; set; }

    public static Guid CustomerId(int index) => new(index, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0);

    public static Guid ContractId(int index) => new(index, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);

    public static Guid UserId(int index) => new(index, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0);

    public static int IndexOf(Guid id) => BitConverter.ToInt32(id.ToByteArray(), 0);

    public static ContractSummary Contract(int index) => new(ContractId(index), $"C{index:D8}", CustomerId(index),
        "CL" + index.ToString("D8", CultureInfo.InvariantCulture), $"Client {index} Ștefănescu", LegalType.Individual, $"Str. Lungă {index % 500}, Brașov",
        ConnectedServices.Water, new LocalDate(2015, 1, 1), null);
}

internal sealed class StandInModule(string name) : ModularModule
{
    public override string Name => name;
}

internal sealed class AccountsStandIn :
    IRequestHandler<ListContracts, Result<IReadOnlyList<ContractSummary>>>,
    IRequestHandler<GetContactsOfCustomers, Result<IReadOnlyList<CustomerContactOf>>>
{
    public Task<Result<IReadOnlyList<ContractSummary>>> Handle(ListContracts request, CancellationToken cancellationToken)
    {
        var start = request.AfterContractId is { } after ? Generated.IndexOf(after) + 1 : 0;
        var end = Math.Min(Generated.Customers, start + request.PageSize);
        return Task.FromResult(Result.Success<IReadOnlyList<ContractSummary>>(
            Enumerable.Range(start, Math.Max(0, end - start)).Select(Generated.Contract).ToList()));
    }

    public Task<Result<IReadOnlyList<CustomerContactOf>>> Handle(GetContactsOfCustomers request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success<IReadOnlyList<CustomerContactOf>>(request.CustomerIds.Select(id =>
        {
            var index = Generated.IndexOf(id);
            return new CustomerContactOf(id, Generated.UserId(index), $"client{index}@bench.example", "ro");
        }).ToList()));
}
