/// The words synthetic records are made of: German states, subject areas, offices and names, so a
/// generated ledger reads like an administration's and exercises UTF-8 (ä, ö, ü, ß) in every field.
enum GeneratorVocabulary {
    /// A state (Land): its id prefix, its name, and when the generated history founds it.
    struct State {
        var code: String
        var name: String
        /// Year, month, day of the founding record: 1950 for the older states (where the generated
        /// history starts), 1957 for the Saarland, 3 October 1990 for the states of the former GDR.
        var founded: (Int, Int, Int)
    }

    /// In the order the generator adds them, mixing old and new states so that even a small
    /// ledger (few states) has one founded in 1990.
    static let states: [State] = [
        State(code: "by", name: "Freistaat Bayern", founded: (1950, 1, 1)),
        State(code: "nw", name: "Land Nordrhein-Westfalen", founded: (1950, 1, 1)),
        State(code: "th", name: "Freistaat Thüringen", founded: (1990, 10, 3)),
        State(code: "he", name: "Land Hessen", founded: (1950, 1, 1)),
        State(code: "sn", name: "Freistaat Sachsen", founded: (1990, 10, 3)),
        State(code: "ni", name: "Land Niedersachsen", founded: (1950, 1, 1)),
        State(code: "bw", name: "Land Baden-Württemberg", founded: (1952, 4, 25)),
        State(code: "rp", name: "Land Rheinland-Pfalz", founded: (1950, 1, 1)),
        State(code: "sh", name: "Land Schleswig-Holstein", founded: (1950, 1, 1)),
        State(code: "bb", name: "Land Brandenburg", founded: (1990, 10, 3)),
        State(code: "st", name: "Land Sachsen-Anhalt", founded: (1990, 10, 3)),
        State(code: "mv", name: "Land Mecklenburg-Vorpommern", founded: (1990, 10, 3)),
        State(code: "sl", name: "Saarland", founded: (1957, 1, 1)),
        State(code: "be", name: "Land Berlin", founded: (1950, 1, 1)),
        State(code: "hh", name: "Freie und Hansestadt Hamburg", founded: (1950, 1, 1)),
        State(code: "hb", name: "Freie Hansestadt Bremen", founded: (1950, 1, 1)),
    ]

    /// Subject areas, for names of ministries, authorities, departments and divisions.
    static let topics = [
        "Finanzen", "Inneres", "Justiz", "Kultus", "Wissenschaft", "Wirtschaft", "Verkehr", "Umwelt",
        "Landwirtschaft", "Soziales", "Gesundheit", "Bau", "Digitales", "Arbeit", "Familie", "Forsten",
        "Vermessung", "Statistik", "Denkmalpflege", "Verbraucherschutz", "Katastrophenschutz", "Steuern",
        "Haushalt", "Personal", "Organisation", "Informationstechnik", "Beihilfe", "Wasserwirtschaft",
        "Straßenbau", "Geologie", "Bergbau", "Migration", "Sport", "Medien", "Europa", "Energie",
        "Tourismus", "Schulaufsicht", "Hochschulen", "Polizei", "Kommunalaufsicht", "Lebensmittelüberwachung",
        "Arbeitsschutz", "Naturschutz", "Immissionsschutz", "Wohnungsbau", "Städtebau", "Förderwesen",
        "Datenschutz", "Archivwesen", "Flurneuordnung", "Veterinärwesen",
    ]

    /// What an administration does to a subject: the first half of a task title.
    static let taskVerbs = [
        "Bewilligung von", "Aufsicht über", "Prüfung von", "Genehmigung von", "Beratung zu",
        "Förderung von", "Erhebung von", "Zulassung von", "Vollzug bei", "Registrierung von",
        "Koordinierung von", "Fortschreibung von", "Überwachung von", "Anerkennung von",
    ]

    /// The second half of a task title, with the ASCII slug the task id is made from.
    static let taskObjects: [(title: String, slug: String)] = [
        ("Fördermitteln für Kommunen", "foerdermittel"), ("Bauanträgen", "bauantraege"),
        ("Gewerbeanzeigen", "gewerbe"), ("Wasserrechten", "wasserrecht"), ("Schulbauten", "schulbau"),
        ("Landesstatistiken", "statistik"), ("Abfallanlagen", "abfall"), ("Kindertagesstätten", "kita"),
        ("Pflegeeinrichtungen", "pflege"), ("Personalausweisen", "ausweise"), ("Waffenscheinen", "waffen"),
        ("Jagdscheinen", "jagd"), ("Fahrerlaubnissen", "fahrerlaubnis"), ("Beihilfeanträgen", "beihilfe"),
        ("Vergabeverfahren", "vergabe"), ("Straßenbaumaßnahmen", "strassenbau"), ("Deichen", "deiche"),
        ("Denkmälern", "denkmal"), ("Stiftungen", "stiftungen"), ("Vereinsregistern", "vereine"),
        ("Versammlungen", "versammlungen"), ("Glücksspiel", "gluecksspiel"), ("Ladenöffnung", "laden"),
        ("Lebensmittelbetrieben", "lebensmittel"), ("Tierarzneimitteln", "tierarznei"),
        ("Emissionen", "emissionen"), ("Naturschutzgebieten", "naturschutz"), ("Forstflächen", "forst"),
        ("Liegenschaften", "liegenschaften"), ("Grundsteuer", "grundsteuer"), ("Kfz-Steuer", "kfz-steuer"),
        ("Lehrkräften", "lehrkraefte"), ("Hochschulzulassung", "hochschulzulassung"),
        ("Ausbildungsförderung", "bafoeg"), ("Wohngeld", "wohngeld"), ("Elterngeld", "elterngeld"),
        ("Schwerbehindertenausweisen", "schwerbehinderung"), ("Vertriebenenausweisen", "vertriebene"),
        ("Einbürgerungen", "einbuergerung"), ("Aufenthaltstiteln", "aufenthalt"),
        ("Rettungsdiensten", "rettungsdienst"), ("Feuerwehren", "feuerwehr"), ("Vermessungsdaten", "vermessung"),
        ("Geodaten", "geodaten"), ("Breitbandausbau", "breitband"), ("Online-Diensten", "onlinedienste"),
        ("IT-Sicherheit", "it-sicherheit"), ("Rechenzentren", "rechenzentren"), ("Archivgut", "archivgut"),
        ("Sportstätten", "sportstaetten"),
    ]

    /// The offices of a unit at each level of the hierarchy.
    static let roles: [[String]] = [
        ["Ministerpräsident", "Chef der Staatskanzlei"],
        ["Minister", "Staatssekretär", "Amtschef"],
        ["Präsident", "Vizepräsident"],
        ["Abteilungsleiter"],
        ["Referatsleiter"],
        ["Teamleiter"],
    ]

    static let firstNames = [
        "Anna", "Bernd", "Claudia", "Dieter", "Elke", "Frank", "Gabriele", "Hans", "Ingrid", "Jürgen",
        "Karin", "Lothar", "Monika", "Norbert", "Olga", "Peter", "Renate", "Stefan", "Tanja", "Ulrich",
        "Vera", "Wolfgang", "Yvonne", "Zoë", "Björn", "Dörte", "Günther", "Käthe", "Jörg", "Sören",
    ]

    static let lastNames = [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
        "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
        "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner",
        "Krause", "Meier", "Lehmann", "Köhler", "Groß", "Weiß", "Jäger", "Möller", "Vogel", "Böhm",
    ]

    static let romanNumerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

    /// The ASCII slug of a German word: lowercase, umlauts spelt out, anything else a hyphen.
    static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            case "ë": out += "e"
            case "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
            default: if !out.isEmpty, !out.hasSuffix("-") { out += "-" }
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
