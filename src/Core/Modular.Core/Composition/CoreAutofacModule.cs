using Autofac;
using MediatR;
using Modular.Core.Messaging;

namespace Modular.Core.Composition;

/// <summary>MediatR 5 on Autofac: the mediator resolves handlers and behaviors from the current lifetime scope.</summary>
internal sealed class CoreAutofacModule : Autofac.Module
{
    protected override void Load(ContainerBuilder builder)
    {
        builder.RegisterType<Mediator>().As<IMediator>().InstancePerLifetimeScope();
        builder.Register<ServiceFactory>(ctx =>
        {
            var scope = ctx.Resolve<IComponentContext>();
            return type => scope.Resolve(type);
        }).InstancePerLifetimeScope();

        // Registration order is pipeline order: the migration gate and telemetry outermost (the activity encloses the
        // log lines), then logging, validation and the unit of work.
        builder.RegisterGeneric(typeof(MigrationGateBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        builder.RegisterGeneric(typeof(TelemetryBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        builder.RegisterGeneric(typeof(LoggingBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        builder.RegisterGeneric(typeof(ValidationBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        builder.RegisterGeneric(typeof(UnitOfWorkBehavior<,>)).As(typeof(IPipelineBehavior<,>));
    }
}
