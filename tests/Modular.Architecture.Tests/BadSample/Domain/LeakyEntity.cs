using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Modular.Architecture.Tests.BadSample.Domain;

/// <summary>Domain code that reaches for EF Core in a method body and for MediatR in a signature.</summary>
internal sealed class LeakyEntity
{
    public static int Count(DbContext db) => db.ChangeTracker.Entries().Count();

    public static Task Tell(IMediator mediator) => mediator.Publish(new SampleNotification());
}

internal sealed class SampleNotification : INotification;
