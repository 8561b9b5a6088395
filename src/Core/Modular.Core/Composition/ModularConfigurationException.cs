namespace Modular.Core.Composition;

/// <summary>The host's composition is wrong (a missing module, a duplicate, a bad setting); thrown at start-up.</summary>
public sealed class ModularConfigurationException(string message) : Exception(message);
