namespace ReviewQueue.Core.Tests;

public sealed class CountedTests
{
    [Theory]
    [InlineData(0, "0 patches")]
    [InlineData(1, "1 patch")]
    [InlineData(2, "2 patches")]
    [InlineData(-1, "-1 patches")]
    public void OneIsSingularEveryOtherNumberPlural(long n, string said) => Assert.Equal(said, Counted.Of(n, "patch", "patches"));

    [Theory]
    [InlineData(1.0, "1 day")]
    [InlineData(0.96, "1 day")] // shown as 1
    [InlineData(1.5, "1.5 days")]
    [InlineData(0.5, "0.5 days")]
    [InlineData(0.0, "0 days")]
    public void AMeasureIsSingularOnlyWhenItShowsAsOne(double n, string said) => Assert.Equal(said, Counted.Of(n, "day", "days"));
}
