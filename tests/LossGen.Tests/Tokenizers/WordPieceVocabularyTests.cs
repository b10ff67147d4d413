using LossGen.Backbones;
using Xunit;
using LossGen.Tokenizers;

namespace LossGen.Tests.Tokenizers;

/// <summary>How a <c>vocab.txt</c> becomes ids, as transformers' <c>load_vocab</c> reads it.</summary>
public sealed class WordPieceVocabularyTests
{
    [Fact]
    public void A_token_listed_twice_takes_the_id_of_its_last_line_as_in_the_reference()
    {
        // load_vocab does vocab[token] = index line by line, so the later line wins; the fast tokenizer converts that dict.
        WordPieceTokenizer tokenizer = WordPieceTokenizer.FromVocabulary("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\nworld\nhello\n[UNK]\n");

        Assert.Equal([2, 7, 6, 3], tokenizer.Encode("hello world", 16));
        Assert.Equal([2, 8, 3], tokenizer.Encode("unknown", 16));
    }
}
