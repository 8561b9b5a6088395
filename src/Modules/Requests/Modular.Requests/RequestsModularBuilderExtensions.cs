using Modular.Core.Composition;

namespace Modular.Requests;

public static class RequestsModularBuilderExtensions
{
    /// <summary>Adds the Requests module; options come from <c>Modular:Requests</c>.</summary>
    public static ModularBuilder AddRequests(this ModularBuilder builder) => builder.AddModule(new RequestsModule());
}
