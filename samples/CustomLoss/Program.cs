using CustomLoss;

(double before, double after, var losses) = TopicTraining.Run();
System.Console.WriteLine($"custom loss: {losses.Count} steps, first loss {losses[0]:F4}, last loss {losses[^1]:F4}");
System.Console.WriteLine($"held-out nearest-neighbour topic accuracy: before {before:F3}, after {after:F3}");
