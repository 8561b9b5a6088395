using Modular.Requests.Contracts;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>A customer sees the acts of their own contracts, newest first, and never another customer's act or document.</summary>
public abstract class ActAccessTests(TestDatabase database) : IAsyncLifetime
{
    private ActsHost _host = null!;

    public async Task InitializeAsync() => _host = await ActsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_customer_sees_their_contracts_acts_newest_first_and_another_customers_act_or_document_is_not_found()
    {
        var mine = _host.World.AddContract();
        var mySecond = _host.World.AddContract(mine.CustomerId);
        var theirs = _host.World.AddContract();
        var pdf = ActsHost.Pdf("mine");
        var older = await _host.SendAsync(_host.Act(mine, 1, on: new LocalDate(2025, 3, 1), document: new ActDocumentUpload("a.pdf", pdf)));
        var newer = await _host.SendAsync(_host.Act(mine, 2, on: new LocalDate(2026, 11, 2), type: ActType.DamageFinding));
        var second = await _host.SendAsync(_host.Act(mySecond, 3, on: new LocalDate(2026, 6, 1)));
        var foreign = await _host.SendAsync(_host.Act(theirs, 4, document: new ActDocumentUpload("b.pdf", ActsHost.Pdf("theirs"))));
        var me = _host.World.UserOf(mine.CustomerId);

        var all = await _host.SendAsync(new GetMyActs(), me);
        var firstContract = await _host.SendAsync(new GetMyActs(mine.ContractId), me);

        all.Value.Select(a => a.Number).ShouldBe([_host.Number(2), _host.Number(3), _host.Number(1)]);
        firstContract.Value.Select(a => a.ActId).ShouldBe([newer.Value.ActId, older.Value.ActId]);
        (await _host.SendAsync(new GetMyActs(theirs.ContractId), me)).Value.ShouldBeEmpty();
        (await _host.SendAsync(new GetActDocument(older.Value.ActId), me)).Value.Content.ShouldBe(pdf);
        (await _host.SendAsync(new GetActDocument(foreign.Value.ActId), me)).Error.Code.ShouldBe("acts.act_not_found");
        (await _host.SendAsync(new GetAct(foreign.Value.ActId), me)).Error.Code.ShouldBe("acts.act_not_found");
        (await _host.SendAsync(new GetActDocument(newer.Value.ActId), me)).Error.Code.ShouldBe("acts.act_not_found");
        second.IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task With_the_folder_file_store_a_signed_act_is_kept_as_a_file_and_read_back()
    {
        await using var folder = await ActsHost.StartAsync(database, new Dictionary<string, string?> { ["Modular:Requests:FileStore"] = "Folder" });
        var contract = folder.World.AddContract();
        var pdf = ActsHost.Pdf("in a folder");

        var act = await folder.SendAsync(folder.Act(contract, 1, document: new ActDocumentUpload("scan.pdf", pdf)));

        (await folder.SendAsync(new GetActDocument(act.Value.ActId))).Value.Content.ShouldBe(pdf);
        var key = $"acts/{act.Value.ActId:N}";
        var inDatabase = await folder.Host.WithContextAsync<Persistence.RequestsDbContext, bool>(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Files, f => f.Key == key));
        inDatabase.ShouldBeFalse();
    }
}

public sealed class SqliteActAccessTests(SqliteDatabase database) : ActAccessTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresActAccessTests(PostgresDatabase database) : ActAccessTests(database), IClassFixture<PostgresDatabase>;
