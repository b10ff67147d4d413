namespace LossGen.Tokenizers;

/// <summary>
/// A (query, document) pair as a cross-encoder reads it: the ids with the tokenizer's special tokens, their token types
/// (0 for the first text, 1 for the second where the tokenizer has token types, else 0 everywhere), and how many
/// pieces of each text survived truncation.
/// </summary>
/// <param name="InputIds">The framed ids, e.g. <c>[CLS] query [SEP] document [SEP]</c>.</param>
/// <param name="TokenTypeIds">One type per id.</param>
/// <param name="FirstKept">Pieces of the first text kept, special tokens not counted.</param>
/// <param name="SecondKept">Pieces of the second text kept, special tokens not counted.</param>
public sealed record PairEncoding(int[] InputIds, int[] TokenTypeIds, int FirstKept, int SecondKept);
