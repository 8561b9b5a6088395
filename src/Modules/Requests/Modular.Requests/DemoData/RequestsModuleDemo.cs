using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Demo;

namespace Modular.Requests.DemoData;

/// <summary>
/// The module's one demo data source (Core loads one per module): its requests (<see cref="RequestsDemo"/>), then its
/// inspection acts (<see cref="ActsDemo"/>). Both are re-runnable, so a load that died half-way is taken over whole.
/// </summary>
internal sealed class RequestsModuleDemo(IServiceProvider services) : IDemoData
{
    private RequestsDemo Requests => services.GetRequiredService<RequestsDemo>();

    private ActsDemo Acts => services.GetRequiredService<ActsDemo>();

    public async Task<bool> HasDataAsync(CancellationToken cancellationToken) =>
        await Requests.HasDataAsync(cancellationToken) || await Acts.HasDataAsync(cancellationToken);

    public async Task LoadAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        await Requests.LoadAsync(context, cancellationToken);
        await Acts.LoadAsync(context, cancellationToken);
    }

    public IEnumerable<string> Describe() => ((IDemoData)Requests).Describe().Concat(((IDemoData)Acts).Describe());
}
