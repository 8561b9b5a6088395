using Modular.Core.Documents;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

public sealed class CsvFilesTests
{
    [Fact]
    public void A_text_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text()
    {
        var csv = CsvFiles.Write(["=HYPERLINK(\"x\")", "+1", "@SUM(A1)", "-2+3", "\tTAB", "SN-001", "ok, quoted"], ["value"], (w, v) => w.WriteField(v));

        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            "value", "\"'=HYPERLINK(\"\"x\"\")\"", "\"'+1\"", "\"'@SUM(A1)\"", "\"'-2+3\"", "\"'\tTAB\"", "SN-001", "\"ok, quoted\""]);
    }

    [Fact]
    public void A_negative_number_stays_a_number()
    {
        var csv = CsvFiles.Write([-2.5m, 3m], ["value"], (w, v) => w.WriteField(v));

        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ShouldBe(["value", "-2.5", "3"]);
    }
}
