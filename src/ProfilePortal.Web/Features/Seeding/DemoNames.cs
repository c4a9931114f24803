namespace ProfilePortal.Web.Features.Seeding;

/// <summary>
/// Made-up people for the demo data: names, job titles and one-line bios drawn from short lists with a seeded
/// <see cref="Random"/>, so every machine gets the same people. Kept in the portal instead of a fake-data library,
/// whose locale tables would stay in every node's memory for the life of the process after a seeding it ran once.
/// </summary>
internal sealed class DemoNames(int seed)
{
    // Names from many of the interface languages' regions; a few carry an apostrophe, which usernames drop. The
    // search benchmarks look for "john sm", "smith j" and "mi" among the bulk people (bench/people.sh).
    private static readonly string[] FirstNames =
    [
        "Aiko", "Alejandro", "Amara", "Ana", "Andrea", "Anh", "Arjun", "Astrid", "Aylin", "Beatriz",
        "Bilal", "Camille", "Carlos", "Chen", "Chloe", "Daniel", "Dmitri", "Elena", "Elif", "Emeka",
        "Emma", "Fatima", "Felix", "Fiona", "Giulia", "Grace", "Hana", "Hannah", "Hiroshi", "Ibrahim",
        "Ines", "Isabel", "Ivan", "Jae-won", "Jamal", "Javier", "Joanna", "John", "Jonas", "Julia", "Kai", "Karim",
        "Kenji", "Laila", "Lars", "Leila", "Liam", "Lucas", "Lucia", "Mai", "Marco", "Maria",
        "Mateus", "Mei", "Mia", "Michael", "Miguel", "Min-jun", "Mohammed", "Nadia", "Naomi", "Nikolai", "Noah", "Nour",
        "Olga", "Omar", "Oscar", "Paolo", "Priya", "Rafael", "Rahul", "Rania", "Ravi", "Rosa",
        "Ruth", "Sakura", "Samuel", "Sara", "Sebastian", "Shira", "Siddharth", "Sofia", "Somchai", "Sophie",
        "Tariq", "Thandiwe", "Thomas", "Tomas", "Valentina", "Viktor", "Wei", "Yara", "Yusuf", "Zainab",
    ];

    private static readonly string[] LastNames =
    [
        "Abdullah", "Adeyemi", "Alvarez", "Andersen", "Bauer", "Becker", "Bianchi", "Cohen", "Costa", "D'Souza",
        "Dubois", "Duarte", "Fernandes", "Fischer", "Garcia", "Gonzalez", "Haddad", "Hansen", "Hoffmann", "Ivanova",
        "Jansen", "Kaya", "Khan", "Kim", "Kowalski", "Kumar", "Larsen", "Laurent", "Lee", "Levi",
        "Lim", "Lopez", "Martin", "Meyer", "Moreau", "Moreno", "Mueller", "Murphy", "Nakamura", "Nguyen",
        "Novak", "O'Connor", "O'Neill", "Okafor", "Olsen", "Park", "Patel", "Pereira", "Petrov", "Popescu",
        "Rahman", "Ramos", "Ricci", "Rossi", "Saito", "Santos", "Schmidt", "Schneider", "Sharma", "Silva",
        "Smith", "Sokolov", "Suzuki", "Tanaka", "Tran", "Wagner", "Wang", "Weber", "Wong", "Yamamoto",
        "Yilmaz", "Zhang",
    ];

    private static readonly string[] TitleLevels = ["", "Senior ", "Lead ", "Principal ", "Junior ", "Staff "];

    private static readonly string[] TitleAreas =
    [
        "Software", "Data", "Security", "Product", "Sales", "Support", "Finance", "People", "Marketing", "Operations",
        "Platform", "Quality",
    ];

    private static readonly string[] TitleRoles =
    [
        "Engineer", "Analyst", "Manager", "Designer", "Specialist", "Consultant", "Coordinator", "Architect", "Partner",
    ];

    private static readonly string[] BioStarts =
    [
        "Works on the customer portal", "Looks after the billing systems", "Runs the onboarding programme",
        "Keeps the data pipelines healthy", "Helps customers get started", "Plans the next product releases",
        "Leads the regional sales team", "Reviews every security change", "Organises the quarterly planning",
        "Maintains the internal tools",
    ];

    private static readonly string[] BioEnds =
    [
        "and enjoys hiking at weekends.", "and speaks three languages.", "and mentors new colleagues.",
        "and writes the team newsletter.", "and is learning to play the cello.", "and bakes bread for the office.",
        "from the Berlin office.", "from home, three days a week.", "and runs the book club.", "and coaches a junior football team.",
    ];

    private readonly Random _random = new(seed);

    public string FirstName() => Pick(FirstNames);

    public string LastName() => Pick(LastNames);

    public string JobTitle() => Pick(TitleLevels) + Pick(TitleAreas) + " " + Pick(TitleRoles);

    public string Bio() => Pick(BioStarts) + " " + Pick(BioEnds);

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int Number(int min, int max) => _random.Next(min, max + 1);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
