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

    /// <summary>
    /// Which types of the module's assembly belong to it (all by default). An assembly holding several modules narrows
    /// each to its own, e.g. by namespace, so a host composing one of them gets only that one's handlers and consumers.
    /// </summary>
    protected virtual bool Includes(Type type) => true;

    protected sealed override void Load(ContainerBuilder builder)
    {
        var types = LoadableTypes(GetType().Assembly).Where(Includes).ToArray();
        builder.RegisterTypes(types).AsClosedTypesOf(typeof(IRequestHandler<,>)).InstancePerDependency();
        builder.RegisterTypes(types).AsClosedTypesOf(typeof(INotificationHandler<>)).InstancePerDependency();
        builder.RegisterTypes(types).AsClosedTypesOf(typeof(IValidator<>)).InstancePerDependency();
        builder.RegisterTypes(types).AsClosedTypesOf(typeof(IIntegrationEventHandler<>)).InstancePerDependency();
        Register(builder);
    }

    private static IEnumerable<Type> LoadableTypes(System.Reflection.Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (System.Reflection.ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
