using Modular.Core.Composition;

namespace Modular.Kiosks;

public static class KiosksModularBuilderExtensions
{
    /// <summary>Adds the Kiosks module; options come from <c>Modular:Kiosks</c>.</summary>
    public static ModularBuilder AddKiosks(this ModularBuilder builder) => builder.AddModule(new KiosksModule());
}
