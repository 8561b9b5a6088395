using MediatR;

namespace Modular.Web.Hooks;

/// <summary>
/// Sends a query once per request: the dashboard's cards and alerts come from different modules, and several ask the
/// same (e.g. the caller's contracts). Requests are records, so equal requests share one answer.
/// </summary>
public sealed class PageQueries(IMediator mediator)
{
    private readonly Dictionary<object, Task> _answers = [];

    public Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_answers.TryGetValue(request, out var answer))
        {
            answer = mediator.Send(request, cancellationToken);
            _answers[request] = answer;
        }

        return (Task<TResponse>)answer;
    }
}
