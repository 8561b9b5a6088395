namespace Modular.Core.Printing;

/// <summary>A character table of a printer: the .NET code page and the number <c>ESC t n</c> selects it by on that printer.</summary>
public sealed record PrinterCodePage(string Name, int CodePage, byte Table);

/// <summary>
/// What a receipt printer model can print: characters per line of its normal font and its character tables, in order of
/// preference. Tables differ between models (the numbers below are Epson's, as in their TM-T88 manuals); an integrator with
/// another printer describes it in <c>Modular:Printing:Profile</c>.
/// </summary>
public sealed record PrinterProfile(string Name, int Columns, IReadOnlyList<PrinterCodePage> CodePages)
{
    /// <summary>Epson TM-T88V/VI and compatibles on 80 mm paper (font A: 48 characters).</summary>
    public static PrinterProfile EpsonTmT88 { get; } = new("epson-tm-t88", 48,
    [
        new("CP437", 437, 0),
        new("CP1252", 1252, 16),
        new("CP1250", 1250, 45),
        new("CP1257", 1257, 51),
        new("CP852", 852, 18),
        new("CP775", 775, 33),
    ]);

    /// <summary>The same printers on 58 mm paper (32 characters).</summary>
    public static PrinterProfile EpsonTmT88Narrow { get; } = EpsonTmT88 with { Name = "epson-tm-t88-58mm", Columns = 32 };

    public static IReadOnlyList<PrinterProfile> Known { get; } = [EpsonTmT88, EpsonTmT88Narrow];
}
