namespace Modular.Payments.Imports;

internal sealed class ReferenceMatcher;

internal sealed class ImportWriter;
