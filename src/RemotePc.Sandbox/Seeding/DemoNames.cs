namespace RemotePc.Sandbox.Seeding;

internal static class DemoNames
{
    public static readonly string[] FirstNames =
    [
        "anna", "ben", "carla", "david", "elena", "felix", "greta", "hannes", "ines", "jonas", "katrin", "lukas",
        "maria", "niklas", "olga", "paul", "quentin", "rosa", "stefan", "tanja", "ulrich", "vera", "wei", "xenia",
        "yusuf", "zoe", "ahmed", "bianca", "chen", "dmitri", "emma", "fatima", "giulia", "hiroshi", "isabel", "jan",
        "kofi", "lea", "mehmet", "nina", "omar", "priya", "raj", "sofia", "tom", "ursula", "valentin", "william",
    ];

    public static readonly string[] LastNames =
    [
        "mueller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner", "becker", "schulz", "hoffmann",
        "koch", "richter", "klein", "wolf", "neumann", "schwarz", "braun", "zimmermann", "krueger", "hartmann",
        "smith", "johnson", "garcia", "rossi", "dubois", "nowak", "kowalski", "yilmaz", "nguyen", "tanaka",
        "silva", "jansen", "andersson", "olsen", "popescu", "horvat", "novak", "ivanova", "costa", "murphy",
    ];

    public static readonly string[] Domains =
    [
        "example.com", "example.org", "example.net", "acme-corp.example", "buero-meier.example", "kanzlei-recht.example",
        "praxis-sonne.example", "stadtwerke.example", "it-service.example", "logistik-nord.example", "schule-am-see.example",
        "architekten.example", "steuerberatung.example", "autohaus-west.example", "bio-markt.example",
    ];
}
