using Modular.Core.Composition;

namespace Modular.Payments;

public static class PaymentsModularBuilderExtensions
{
    /// <summary>
    /// Adds the Payments module (needs Billing and Accounts). Its web endpoints and pages come with <c>.AddPaymentsWeb()</c>
    /// (package Modular.Payments.Web).
    /// </summary>
    public static ModularBuilder AddPayments(this ModularBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddModule(new PaymentsModule());
    }
}
