using FluentValidation;

namespace Modular.Architecture.Tests.BadSample.Domain;

/// <summary>A validator away from its request's handler.</summary>
internal sealed class SampleValidator : AbstractValidator<SampleQuery>;
