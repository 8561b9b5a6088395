using Autofac;
using Microsoft.Extensions.Options;
using Modular.Core.Composition;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

public sealed class CompositionTests : IClassFixture<SqliteDatabase>
{
    private readonly SqliteDatabase _database;

    public CompositionTests(SqliteDatabase database) => _database = database;

    [Fact]
    public async Task A_missing_dependency_stops_the_host_with_a_message_naming_it()
    {
        var error = await Should.ThrowAsync<ModularConfigurationException>(() =>
            TestHost.StartAsync(_database, m => m.AddModule(new CountersModule("Readings"))));
        error.Message.ShouldContain("'Counters' needs module 'Readings'");
        error.Message.ShouldContain("AddReadings()");
    }

    [Fact]
    public async Task Modules_are_ordered_after_the_modules_they_depend_on()
    {
        await using var host = await TestHost.StartAsync(_database, m => m
            .AddModule(new CountersModule("Base"))
            .AddModule(new OtherModule("Base")));
        host.Container.Resolve<ModuleCatalog>().Names.ShouldBe(["Base", "Counters"]);
    }

    [Fact]
    public async Task A_module_added_twice_is_refused()
    {
        var error = await Should.ThrowAsync<ModularConfigurationException>(() =>
            TestHost.StartAsync(_database, m => m.AddModule(new OtherModule("A")).AddModule(new OtherModule("A"))));
        error.Message.ShouldContain("added twice");
    }

    [Fact]
    public async Task A_dependency_cycle_is_refused()
    {
        var error = await Should.ThrowAsync<ModularConfigurationException>(() =>
            TestHost.StartAsync(_database, m => m.AddModule(new OtherModule("A", "B")).AddModule(new OtherModule("B", "A"))));
        error.Message.ShouldContain("cycle");
    }

    [Fact]
    public async Task Module_options_bind_from_their_section()
    {
        await using var host = await TestHost.StartAsync(_database, m => m.AddModule(new CountersModule()),
            new Dictionary<string, string?> { ["Modular:Counters:MaxIncrement"] = "7" });
        host.Container.Resolve<IOptions<CountersOptions>>().Value.MaxIncrement.ShouldBe(7);
    }

    [Fact]
    public async Task Invalid_module_options_stop_the_host_naming_the_key()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() =>
            TestHost.StartAsync(_database, m => m.AddModule(new CountersModule()),
                new Dictionary<string, string?> { ["Modular:Counters:MaxIncrement"] = "0" }));
        error.Message.ShouldContain("Modular:Counters:MaxIncrement");
    }

    [Fact]
    public async Task An_unknown_time_zone_stops_the_host()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() =>
            TestHost.StartAsync(_database, m => m.AddModule(new CountersModule()),
                new Dictionary<string, string?> { ["Modular:Time:TimeZone"] = "Europe/Atlantis" }));
        error.Message.ShouldContain("Modular:Time:TimeZone");
    }

    [Fact]
    public async Task Smtp_delivery_without_a_server_stops_the_host()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() =>
            TestHost.StartAsync(_database, m => { },
                new Dictionary<string, string?> { ["Modular:Email:Delivery"] = "Smtp" }));
        error.Message.ShouldContain("Smtp:Host");
    }
}
