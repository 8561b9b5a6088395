using Autofac;
using MediatR;
using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Results;
using Modular.Core.Schedules;

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

        // Core's own requests (the audit trail).
        builder.RegisterAssemblyTypes(typeof(CoreAutofacModule).Assembly).AsClosedTypesOf(typeof(IRequestHandler<,>)).InstancePerDependency();

        // Registration order is pipeline order: the migration gate and telemetry outermost (the activity encloses the
        // log lines), then logging, who may send it, validation and the unit of work.
        builder.RegisterGeneric(typeof(MigrationGateBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        builder.RegisterGeneric(typeof(TelemetryBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        builder.RegisterGeneric(typeof(LoggingBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        builder.RegisterGeneric(typeof(AccessBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        builder.RegisterGeneric(typeof(ValidationBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        builder.RegisterGeneric(typeof(UnitOfWorkBehavior<,>)).As(typeof(IPipelineBehavior<,>));

        builder.RegisterType<GetScheduledJobsHandler>().As<IRequestHandler<GetScheduledJobs, Result<IReadOnlyList<ScheduledJobStatus>>>>()
            .InstancePerDependency();
    }
}
