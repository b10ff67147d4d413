using LossGen.Tokenizers;
using Xunit;

namespace LossGen.Tests.CrossEncoders;

/// <summary>The pair truncation of the Rust tokenizers, case by case (<c>tokenizers/src/utils/truncation.rs</c>).</summary>
public sealed class LongestFirstTruncationTests
{
    [Theory]
    [InlineData(10, 27, 37, 10, 27)] // fits
    [InlineData(10, 40, 37, 10, 27)] // only the longer is cut
    [InlineData(40, 10, 37, 27, 10)] // ... whichever side it is
    [InlineData(25, 30, 37, 18, 19)] // both cut, odd budget: the shorter (the query) gets budget / 2
    [InlineData(30, 25, 37, 19, 18)] // the shorter is the document
    [InlineData(30, 30, 37, 18, 19)] // a tie counts the first as the shorter
    [InlineData(30, 30, 36, 18, 18)]
    [InlineData(50, 3, 37, 34, 3)]
    [InlineData(0, 50, 36, 0, 36)]
    [InlineData(50, 60, 0, 0, 0)]
    public void Keeps_what_the_rust_tokenizers_keep(int first, int second, int budget, int keepFirst, int keepSecond) =>
        Assert.Equal((keepFirst, keepSecond), LongestFirstTruncation.Keep(first, second, budget));
}
