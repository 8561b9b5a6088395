using Modular.Core.Composition;

namespace Modular.Payments;

public static class PaymentsModularBuilderExtensions
{
    /// <summary>Adds the Payments module (needs Billing and Accounts). Map its web endpoints with <c>app.MapModularPayments()</c>.</summary>
    public static ModularBuilder AddPayments(this ModularBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddModule(new PaymentsModule());
    }
}
