using Modular.Core.Messaging;

namespace Modular.Architecture.Tests.BadSample;

// Deliberate violations of every module-shape rule, so each rule is seen to fail (ModuleShapeRulesFailTests).
// Nothing here is registered or run.
public sealed record SampleQuery : IQuery<int>;

public sealed record SampleCommand : ICommand;

public sealed record OtherCommand : ICommand;
