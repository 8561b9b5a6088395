using Microsoft.EntityFrameworkCore;
using Modular.Core.Localization;
using Modular.Core.Results;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using Autofac;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>Validation, unit of work and outbox writes through the MediatR pipeline, on both providers.</summary>
public abstract class PipelineTests(TestDatabase database) : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_valid_command_is_committed_with_its_outbox_message()
    {
        var name = Unique();
        var result = await _host.SendAsync(new IncrementCounter(name, 3));
        result.Value.ShouldBe(3);
        (await _host.SendAsync(new GetCounter(name))).Value.ShouldBe(3);
        (await PendingEventsFor(name)).ShouldBe(1);
    }

    [DbFact]
    public async Task An_invalid_command_answers_stable_codes_and_writes_nothing()
    {
        var name = Unique();
        var result = await _host.SendAsync(new IncrementCounter(name, -2));
        result.IsFailure.ShouldBeTrue();
        result.Error.Code.ShouldBe("counters.by_not_positive");
        result.Error.Field.ShouldBe("By");
        (await _host.SendAsync(new GetCounter(name))).Error.Code.ShouldBe(CoreErrors.NotFound);
        (await PendingEventsFor(name)).ShouldBe(0);
    }

    [DbTheory]
    [InlineData("nul\0name")]
    [InlineData("bell\u0007")]
    [InlineData("\u202Eescape\u001B[2J")]
    [InlineData("non-character\uFFFF")]
    public async Task A_text_with_characters_no_one_types_is_refused_at_its_field_and_writes_nothing(string name)
    {
        var before = await _host.WithContextAsync<CountersDbContext, int>(db => db.OutboxMessages.CountAsync());
        var result = await _host.SendAsync(new IncrementCounter(name, 3));

        result.Error.Code.ShouldBe(CoreErrors.InvalidCharacters);
        result.Error.Field.ShouldBe("Name");
        (await _host.SendAsync(new GetCounter(name))).Error.Code.ShouldBe(CoreErrors.InvalidCharacters);
        (await _host.WithContextAsync<CountersDbContext, int>(db => db.OutboxMessages.CountAsync())).ShouldBe(before);
    }

    [DbFact]
    public async Task Tabs_line_breaks_and_letters_of_any_script_are_accepted()
    {
        var name = Unique() + "\tȘtefan\r\nĀbols 水";
        (await _host.SendAsync(new IncrementCounter(name, 2))).Value.ShouldBe(2);
    }

    [DbFact]
    public async Task Validation_errors_are_localized_in_each_language()
    {
        var result = await _host.SendAsync(new IncrementCounter(Unique(), -2));
        var texts = _host.Container.Resolve<ITextCatalog>();
        texts.Describe(result.Error, "ro").ShouldBe("Creșteți cu un număr pozitiv, nu cu -2.");
        texts.Describe(result.Error, "lv").ShouldBe("Palieliniet ar pozitīvu skaitli, nevis -2.");
        texts.Describe(result.Error, "en").ShouldBe("Increment by a positive number, not -2.");
    }

    [DbFact]
    public async Task Validators_read_module_options()
    {
        var result = await _host.SendAsync(new IncrementCounter(Unique(), 101));
        result.Error.Code.ShouldBe("counters.by_too_large");
    }

    [DbFact]
    public async Task A_refused_command_leaves_neither_state_nor_event()
    {
        var name = Unique();
        var result = await _host.SendAsync(new WriteThenRefuse(name));
        result.Error.Code.ShouldBe("counters.refused");
        (await _host.SendAsync(new GetCounter(name))).IsFailure.ShouldBeTrue();
        (await PendingEventsFor(name)).ShouldBe(0);
    }

    [DbFact]
    public async Task A_command_that_throws_leaves_nothing_behind()
    {
        var name = Unique();
        await Should.ThrowAsync<InvalidOperationException>(() => _host.SendAsync(new WriteThenThrow(name)));
        (await _host.SendAsync(new GetCounter(name))).IsFailure.ShouldBeTrue();
    }

    [DbFact]
    public async Task Nested_commands_commit_once_at_the_outermost_level()
    {
        var name = Unique();
        (await _host.SendAsync(new IncrementTwice(name))).Value.ShouldBe(2);
        (await _host.SendAsync(new GetCounter(name))).Value.ShouldBe(2);
        (await PendingEventsFor(name)).ShouldBe(2);
    }

    [DbFact]
    public async Task NodaTime_values_round_trip_through_storage()
    {
        var name = Unique();
        await _host.SendAsync(new IncrementCounter(name, 1));
        var counter = await _host.WithContextAsync<CountersDbContext, Counter>(db => db.Counters.SingleAsync(c => c.Name == name));
        counter.UpdatedAt.ShouldBe(_host.Clock.GetCurrentInstant());
        counter.Day.ShouldBe(new NodaTime.LocalDate(2026, 11, 25));
    }

    private Task<int> PendingEventsFor(string name) =>
        _host.WithContextAsync<CountersDbContext, int>(db => db.OutboxMessages.CountAsync(m => m.Payload.Contains(name)));

    private static string Unique() => "c" + Guid.NewGuid().ToString("N")[..12];
}

public sealed class SqlitePipelineTests(SqliteDatabase database) : PipelineTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresPipelineTests(PostgresDatabase database) : PipelineTests(database), IClassFixture<PostgresDatabase>;
