using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Core.Results;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Phones;

/// <summary>The users whose verified number is the one asked (normalised to E.164 first), with their customers from Accounts.</summary>
internal sealed class FindUsersByVerifiedPhoneHandler(NotificationsDbContext db, IMediator mediator, IOptions<NotificationsOptions> options)
    : IRequestHandler<FindUsersByVerifiedPhone, Result<IReadOnlyList<VerifiedPhoneUser>>>
{
    public async Task<Result<IReadOnlyList<VerifiedPhoneUser>>> Handle(FindUsersByVerifiedPhone request, CancellationToken cancellationToken)
    {
        if (E164.Normalize(request.Phone, options.Value.PhoneRegion) is not { } number)
        {
            return Result.Success<IReadOnlyList<VerifiedPhoneUser>>([]);
        }

        var userIds = await db.Phones.AsNoTracking().Where(p => p.Number == number && p.VerifiedAt != null).Select(p => p.UserId)
            .ToListAsync(cancellationToken);
        if (userIds.Count == 0)
        {
            return Result.Success<IReadOnlyList<VerifiedPhoneUser>>([]);
        }

        var users = await mediator.Send(new GetPortalUsers(userIds), cancellationToken);
        if (users.IsFailure)
        {
            return Result<IReadOnlyList<VerifiedPhoneUser>>.Failure(users.Error);
        }

        return users.Value.Select(u => new VerifiedPhoneUser(u.UserId, u.Culture, u.CustomerIds)).ToList();
    }
}
