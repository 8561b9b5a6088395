using Modular.Core.Results;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

public sealed class ResultTests
{
    [Fact]
    public void A_success_carries_its_value_and_no_errors()
    {
        Result<int> result = 42;
        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBe(42);
        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void A_failure_has_a_stable_code_and_refuses_to_give_a_value()
    {
        var result = Result<int>.Failure("readings.index_lower_than_previous", "index");
        result.IsFailure.ShouldBeTrue();
        result.Error.Code.ShouldBe("readings.index_lower_than_previous");
        result.Error.Field.ShouldBe("index");
        Should.Throw<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void A_failure_converts_to_another_result_type_keeping_its_errors()
    {
        var failed = Result.Failure(new Error("a.b"));
        Result<string>.From(failed).Errors.Single().Code.ShouldBe("a.b");
        Should.Throw<ArgumentException>(() => Result<string>.From(Result.Success()));
    }

    [Fact]
    public void A_failure_needs_an_error() => Should.Throw<ArgumentException>(() => Result.Failure([]));

    [Fact]
    public void Warnings_travel_with_a_success()
    {
        var result = Result.Success(5, [new Error("readings.consumption_unusually_high")]);
        result.IsSuccess.ShouldBeTrue();
        result.Warnings.Single().Code.ShouldBe("readings.consumption_unusually_high");
    }
}
