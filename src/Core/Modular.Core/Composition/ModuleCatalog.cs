namespace Modular.Core.Composition;

/// <summary>The names of the modules a host composed, in dependency order.</summary>
public sealed record ModuleCatalog(IReadOnlyList<string> Names);
