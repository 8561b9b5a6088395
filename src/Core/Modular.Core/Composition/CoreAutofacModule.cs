using Autofac;
using MediatR;
using Modular.Core.Messaging;
using Modular.Core.Outbox.DeadLetters;

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

        // Registration order is pipeline order: logging outermost, then validation, then the unit of work.
        builder.RegisterGeneric(typeof(LoggingBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        builder.RegisterGeneric(typeof(ValidationBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        builder.RegisterGeneric(typeof(UnitOfWorkBehavior<,>)).As(typeof(IPipelineBehavior<,>));

        // Core's own requests: the outbox's dead letters (staff).
        builder.RegisterType<ListDeadLettersHandler>().AsImplementedInterfaces().InstancePerDependency();
        builder.RegisterType<ListDeadLettersValidator>().AsImplementedInterfaces().InstancePerDependency();
        builder.RegisterType<RetryDeadLettersHandler>().AsImplementedInterfaces().InstancePerDependency();
        builder.RegisterType<RetryDeadLettersValidator>().AsImplementedInterfaces().InstancePerDependency();
        builder.RegisterType<DropDeadLetterHandler>().AsImplementedInterfaces().InstancePerDependency();
        builder.RegisterType<DropDeadLetterValidator>().AsImplementedInterfaces().InstancePerDependency();
    }
}
