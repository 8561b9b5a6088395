using Autofac;
using FluentValidation;
using MediatR;
using Modular.Core.Events;

namespace Modular.Core.Composition;

/// <summary>
/// The one public entry point of a module: an Autofac module that also declares its name, the modules it
/// needs, and the services (options, storage, templates) it adds to the host. A host adds it with one call.
/// </summary>
public abstract class ModularModule : Autofac.Module
{
    /// <summary>The module's name; also its configuration section (<c>Modular:{Name}</c>) and, in lower case, its schema.</summary>
    public abstract string Name { get; }

    /// <summary>Names of modules that must be added to the same host.</summary>
    public virtual IReadOnlyCollection<string> DependsOn => [];

    /// <summary>Adds options, the module's storage, hosted services and anything registered on <see cref="Microsoft.Extensions.DependencyInjection.IServiceCollection"/>.</summary>
    public virtual void ConfigureServices(ModuleServices services)
    {
    }

    /// <summary>Registers the module's own components beyond handlers and validators, which are found by convention.</summary>
    protected virtual void Register(ContainerBuilder builder)
    {
    }

    protected sealed override void Load(ContainerBuilder builder)
    {
        var assembly = GetType().Assembly;
        builder.RegisterAssemblyTypes(assembly).AsClosedTypesOf(typeof(IRequestHandler<,>)).InstancePerDependency();
        builder.RegisterAssemblyTypes(assembly).AsClosedTypesOf(typeof(INotificationHandler<>)).InstancePerDependency();
        builder.RegisterAssemblyTypes(assembly).AsClosedTypesOf(typeof(IValidator<>)).InstancePerDependency();
        builder.RegisterAssemblyTypes(assembly).AsClosedTypesOf(typeof(IIntegrationEventHandler<>)).InstancePerDependency();
        Register(builder);
    }
}
