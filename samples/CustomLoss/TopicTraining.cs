using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using LossGen;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;

namespace CustomLoss;

/// <summary>Trains an encoder with the custom loss on short sentences labelled by topic, and measures nearest-neighbour accuracy.</summary>
public static class TopicTraining
{
    private static readonly (string Topic, string[] Words)[] Topics =
    [
        ("sport", ["football", "match", "goal", "team", "coach", "league", "stadium"]),
        ("food", ["recipe", "bake", "flour", "oven", "soup", "spice", "dinner"]),
        ("weather", ["rain", "storm", "sunny", "forecast", "wind", "cloud", "snow"]),
        ("music", ["guitar", "concert", "song", "band", "melody", "album", "drums"]),
        ("travel", ["flight", "hotel", "passport", "luggage", "airport", "beach", "trip"]),
        ("money", ["bank", "loan", "savings", "interest", "budget", "salary", "invoice"]),
    ];

    private static readonly string[] Templates = ["the {0} was great today", "i read about the {0} and the {1}", "nobody expected that {0}", "a new {0} with some {1}", "we talked about {1} after the {0}"];

    /// <summary>Labelled sentences, split into training and held-out sets.</summary>
    public static (List<LabeledTextExample> Train, List<LabeledTextExample> Test) Data(int seed)
    {
        var random = new Random(seed);
        var all = new List<LabeledTextExample>();
        for (int label = 0; label < Topics.Length; label++)
        {
            string[] words = Topics[label].Words;
            for (int i = 0; i < 40; i++)
            {
                string template = Templates[random.Next(Templates.Length)];
                all.Add(new LabeledTextExample(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, words[random.Next(words.Length)], words[random.Next(words.Length)]), label));
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all));
        return (all.Skip(60).ToList(), all.Take(60).ToList());
    }

    /// <summary>
    /// Trains with <paramref name="createLoss"/> (the grammar-declared <see cref="CosineBatchHardSoftMarginLoss"/> by
    /// default) for <paramref name="epochs"/> epochs; returns held-out accuracy before and after.
    /// </summary>
    public static (double Before, double After, IReadOnlyList<double> Losses) Run(int epochs = 10, int seed = 3, Func<ISentenceEncoder, SentenceLoss>? createLoss = null)
    {
        manual_seed(seed);
        (List<LabeledTextExample> train, List<LabeledTextExample> test) = Data(seed);
        using var encoder = new HashingEncoder(dimension: 32, buckets: 4096);
        using SentenceLoss loss = (createLoss ?? (model => new CosineBatchHardSoftMarginLoss(model)))(encoder);
        using var optimizer = optim.AdamW(encoder.parameters(), lr: 1e-2);
        double before = Accuracy(encoder, train, test);
        var losses = new List<double>();
        var random = new Random(seed);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            // Six topics: shuffled batches of 16 already hold positives and negatives for every anchor. With many small
            // classes, GroupByLabelBatchSampler keeps same-label examples together instead.
            foreach (LabeledTextExample[] batch in train.OrderBy(_ => random.Next()).Chunk(16))
            {
                using var step = NewDisposeScope();
                optimizer.zero_grad();
                Tensor value = loss.Compute(loss.CollateBatch(batch));
                value.backward();
                optimizer.step();
                losses.Add(value.item<float>());
            }
        }

        return (before, Accuracy(encoder, train, test), losses);
    }

    // 1-nearest-neighbour topic accuracy of held-out sentences against the training sentences, by cosine similarity.
    private static double Accuracy(HashingEncoder encoder, List<LabeledTextExample> train, List<LabeledTextExample> test)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor nearest = Similarities.CosSim(encoder.Encode(test.Select(e => e.Text).ToArray()), encoder.Encode(train.Select(e => e.Text).ToArray())).argmax(1);
        long[] indices = nearest.data<long>().ToArray();
        return test.Select((e, i) => train[(int)indices[i]].Label == e.Label ? 1.0 : 0.0).Average();
    }
}
