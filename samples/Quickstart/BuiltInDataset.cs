using System.Collections.Generic;
using System.Linq;
using LossGen;

namespace Quickstart;

/// <summary>
/// A small question/passage dataset about countries, written by the project itself: four questions per country, each
/// phrased unlike its passage, so that a model has to learn which words answer which question. Split by country.
/// </summary>
internal static class BuiltInDataset
{
    private static readonly (string Country, string Capital, string Language, string Currency, string Continent)[] Countries =
    [
        ("France", "Paris", "French", "euro", "Europe"), ("Germany", "Berlin", "German", "euro", "Europe"),
        ("Italy", "Rome", "Italian", "euro", "Europe"), ("Spain", "Madrid", "Spanish", "euro", "Europe"),
        ("Portugal", "Lisbon", "Portuguese", "euro", "Europe"), ("Poland", "Warsaw", "Polish", "zloty", "Europe"),
        ("Sweden", "Stockholm", "Swedish", "krona", "Europe"), ("Norway", "Oslo", "Norwegian", "krone", "Europe"),
        ("Denmark", "Copenhagen", "Danish", "krone", "Europe"), ("Finland", "Helsinki", "Finnish", "euro", "Europe"),
        ("Greece", "Athens", "Greek", "euro", "Europe"), ("Hungary", "Budapest", "Hungarian", "forint", "Europe"),
        ("Czechia", "Prague", "Czech", "koruna", "Europe"), ("Romania", "Bucharest", "Romanian", "leu", "Europe"),
        ("Ireland", "Dublin", "Irish", "euro", "Europe"), ("Austria", "Vienna", "German", "euro", "Europe"),
        ("Japan", "Tokyo", "Japanese", "yen", "Asia"), ("China", "Beijing", "Mandarin", "yuan", "Asia"),
        ("India", "New Delhi", "Hindi", "rupee", "Asia"), ("Thailand", "Bangkok", "Thai", "baht", "Asia"),
        ("Vietnam", "Hanoi", "Vietnamese", "dong", "Asia"), ("Indonesia", "Jakarta", "Indonesian", "rupiah", "Asia"),
        ("Korea", "Seoul", "Korean", "won", "Asia"), ("Turkey", "Ankara", "Turkish", "lira", "Asia"),
        ("Iran", "Tehran", "Persian", "rial", "Asia"), ("Pakistan", "Islamabad", "Urdu", "rupee", "Asia"),
        ("Egypt", "Cairo", "Arabic", "pound", "Africa"), ("Kenya", "Nairobi", "Swahili", "shilling", "Africa"),
        ("Nigeria", "Abuja", "English", "naira", "Africa"), ("Ghana", "Accra", "English", "cedi", "Africa"),
        ("Ethiopia", "Addis Ababa", "Amharic", "birr", "Africa"), ("Morocco", "Rabat", "Arabic", "dirham", "Africa"),
        ("Senegal", "Dakar", "French", "franc", "Africa"), ("Angola", "Luanda", "Portuguese", "kwanza", "Africa"),
        ("Brazil", "Brasilia", "Portuguese", "real", "South America"), ("Argentina", "Buenos Aires", "Spanish", "peso", "South America"),
        ("Chile", "Santiago", "Spanish", "peso", "South America"), ("Peru", "Lima", "Spanish", "sol", "South America"),
        ("Colombia", "Bogota", "Spanish", "peso", "South America"), ("Venezuela", "Caracas", "Spanish", "bolivar", "South America"),
        ("Canada", "Ottawa", "English", "dollar", "North America"), ("Mexico", "Mexico City", "Spanish", "peso", "North America"),
        ("Cuba", "Havana", "Spanish", "peso", "North America"), ("Jamaica", "Kingston", "English", "dollar", "North America"),
        ("Australia", "Canberra", "English", "dollar", "Oceania"), ("Fiji", "Suva", "Fijian", "dollar", "Oceania"),
        ("Samoa", "Apia", "Samoan", "tala", "Oceania"), ("Tonga", "Nukualofa", "Tongan", "paanga", "Oceania"),
    ];

    /// <summary>The (question, passage) pairs of the training and held-out countries.</summary>
    public static (List<PairExample> Train, List<PairExample> Test) Load()
    {
        var train = new List<PairExample>();
        var test = new List<PairExample>();
        for (int i = 0; i < Countries.Length; i++)
        {
            (string country, string capital, string language, string currency, string continent) = Countries[i];
            PairExample[] pairs =
            [
                new($"Which city hosts the government of {country}?", $"{capital} is the capital of {country}."),
                new($"What do people in {country} mostly speak at home?", $"The main language of {country} is {language}."),
                new($"What money do shoppers in {country} pay with?", $"The currency used in {country} is the {currency}."),
                new($"Where on the globe would you find {country}?", $"{country} is a country located in {continent}."),
            ];
            (i % 5 == 4 ? test : train).AddRange(pairs);
        }

        return (train, test);
    }

    /// <summary>Splits <paramref name="pairs"/> into 80 % training and 20 % held-out pairs, reproducibly.</summary>
    public static (List<PairExample> Train, List<PairExample> Test) Split(List<PairExample> pairs, int seed)
    {
        var random = new System.Random(seed);
        PairExample[] shuffled = pairs.OrderBy(_ => random.Next()).ToArray();
        int held = System.Math.Max(1, shuffled.Length / 5);
        return (shuffled.Skip(held).ToList(), shuffled.Take(held).ToList());
    }

    /// <summary>Reads tab-separated (question, passage) lines.</summary>
    public static List<PairExample> FromFile(string path) =>
        System.IO.File.ReadAllLines(path)
            .Select((line, index) => (Parts: line.Split('\t'), Line: index + 1))
            .Where(row => row.Parts.Length > 0 && row.Parts[0].Length > 0)
            .Select(row => row.Parts.Length == 2
                ? new PairExample(row.Parts[0], row.Parts[1])
                : throw new System.FormatException($"{path}:{row.Line}: expected 'question<TAB>passage', got {row.Parts.Length} field(s)."))
            .ToList();
}
