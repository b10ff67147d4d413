using System;
using System.Collections.Generic;
using System.Linq;
using LossGen;
using LossGen.CrossEncoders;
using LossGen.CrossEncoders.Evaluation;
using LossGen.CrossEncoders.Losses;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Pretrained;
using LossGen.Training;
using Quickstart;
using static TorchSharp.torch;

// Retrieve, then rerank, on the quickstart's question/passage data: all-MiniLM-L6-v2 retrieves the top 10 passages of
// each held-out question among every passage; a reranker trained from the same backbone for 6 epochs on the training questions
// (BinaryCrossEntropyLoss: the right passage 1, the retriever's best wrong passage 0) reorders them. Prints MAP, MRR@10
// and NDCG@10 of the retriever's order and of the reranked one.
//   dotnet run -c Release --project samples/RetrieveRerank -- [seed]
int seed = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 42;
manual_seed(seed);
(List<PairExample> train, List<PairExample> test) = BuiltInDataset.Load();
string[] passages = train.Concat(test).Select(p => p.Positive).Distinct().ToArray();

using SentenceTransformer retriever = AllMiniLmL6V2.Load();
string[][] Retrieve(IReadOnlyList<PairExample> questions, int k)
{
    using var scope = NewDisposeScope();
    Tensor scores = retriever.Similarity(retriever.Embed(questions.Select(q => q.Anchor).ToArray()), retriever.Embed(passages));
    long[] top = scores.topk(k, dim: 1).indexes.data<long>().ToArray();
    return Enumerable.Range(0, questions.Count).Select(q => top.Skip(q * k).Take(k).Select(i => passages[i]).ToArray()).ToArray();
}

// Training pairs: each question with its passage (1) and with the retriever's best wrong passage (0).
string[][] trainCandidates = Retrieve(train, 2);
var rows = train.SelectMany((p, i) => new[] { (p.Anchor, p.Positive, 1.0), (p.Anchor, trainCandidates[i].First(d => d != p.Positive), 0.0) }).ToArray();
SentenceDataset pairs = SentenceDataset.FromColumns(
    ("query", rows.Select(r => (object?)r.Item1).ToArray()),
    ("document", rows.Select(r => (object?)r.Item2).ToArray()),
    ("label", rows.Select(r => (object?)r.Item3).ToArray()));

string[][] testCandidates = Retrieve(test, 10);
var evaluator = new CrossEncoderRerankingEvaluator(test.Select((p, i) => new RerankingSample(p.Anchor, [p.Positive], Documents: testCandidates[i])).ToArray(), AlwaysRerankPositives: false, Name: "held-out");

using CrossEncoder reranker = CrossEncoder.FromSentenceTransformer(retriever);
using var loss = new BinaryCrossEntropyLoss(reranker);
var arguments = new TrainingArguments { NumTrainEpochs = 6, BatchSize = 16, LearningRate = 1e-4, WarmupRatio = 0.1, Seed = seed };
using (var trainer = new CrossEncoderTrainer(reranker, pairs, loss, arguments))
{
    trainer.Train(report => { if ((report.Step + 1) % 10 == 0) Console.WriteLine($"step {report.Step + 1}: loss {report.Loss:F4}"); });
}

IReadOnlyDictionary<string, double> metrics = evaluator.Compute(reranker);
Console.WriteLine($"{test.Count} held-out questions, top 10 of {passages.Length} passages:");
foreach (string metric in new[] { "map", "mrr@10", "ndcg@10" })
{
    Console.WriteLine($"  {metric,-8} retriever {metrics[$"held-out_base_{metric}"]:F4}  reranked {metrics[$"held-out_{metric}"]:F4}");
}

return 0;
