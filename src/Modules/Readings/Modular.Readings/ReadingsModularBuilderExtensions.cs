using Modular.Core.Composition;

namespace Modular.Readings;

public static class ReadingsModularBuilderExtensions
{
    /// <summary>Adds the Readings module; options come from <c>Modular:Readings</c>.</summary>
    public static ModularBuilder AddReadings(this ModularBuilder builder) => builder.AddModule(new ReadingsModule());
}
