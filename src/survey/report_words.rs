//! Every word the research report prints, in the site's language: Dutch by default, English
//! for `language = "en"`, each one changeable under `[words.research_report]` in site.toml
//! (see docs/configuration.md). `{name}` in a text stands for a figure or a name that the
//! report fills in ([`fill`]).

use serde::{Deserialize, Serialize};

/// Declares [`ReportWords`] with its Dutch and English texts side by side, so that no word
/// can be missing in either language.
macro_rules! report_words {
    ($( $(#[$doc:meta])* $name:ident: $dutch:expr, $english:expr; )*) => {
        /// The words of the research report (see the module documentation).
        #[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct ReportWords { $( $(#[$doc])* pub $name: String, )* }

        impl ReportWords {
            pub fn dutch() -> ReportWords {
                ReportWords { $( $name: $dutch.to_string(), )* }
            }

            pub fn english() -> ReportWords {
                ReportWords { $( $name: $english.to_string(), )* }
            }
        }
    };
}

impl Default for ReportWords {
    fn default() -> Self {
        ReportWords::dutch()
    }
}

impl ReportWords {
    pub fn for_language(language: &str) -> ReportWords {
        if crate::locale::is_english(language) {
            ReportWords::english()
        } else {
            ReportWords::dutch()
        }
    }

    /// "a", "a en b", "a, b en c".
    pub fn join(&self, parts: &[String], last: &str) -> String {
        match parts {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., end] => format!("{} {last} {end}", init.join(", ")),
        }
    }
}

/// `text` with every `{name}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

report_words! {
    // The document's parts.
    title: "Onderzoeksrapport {monitor}", "Research report {monitor}";
    contents: "Inhoud", "Contents";
    appendix: "Bijlage", "Appendix";
    /// Before the number of an appendix's table: "Tabel B3".
    appendix_table: "B", "A";
    method_title: "Onderzoeksverantwoording", "Research method";
    /// The title of a segment's appendix when the codebook sets no `appendix_title`.
    differences_by: "Verschillen naar {segment}", "Differences by {segment}";
    appendix_intro: "Per vraag de antwoorden binnen elke groep ({segment}). Onder elke tabel staat of de verschillen tussen de groepen statistisch significant zijn (significantieniveau {level}, gecorrigeerd voor meervoudig toetsen) en met welke toets dat is bepaald.",
        "Per question the answers within each group ({segment}). Under each table: whether the differences between the groups are statistically significant (significance level {level}, corrected for multiple testing) and which test decided it.";
    // Heads, rows and captions.
    answer: "Antwoord", "Answer";
    part: "Onderdeel", "Item";
    total: "Totaal", "Total";
    total_without_unknown: "Totaal excl. onbekend (n = {n})", "Total excl. unknown (n = {n})";
    count: "Aantal", "Number";
    percentage: "Percentage", "Percentage";
    response: "Respons", "Response";
    response_caption: "Respons op het onderzoek", "Response to the survey";
    approached: "Aantal benaderde organisaties", "Organisations approached";
    responded: "Aantal deelnemende organisaties", "Organisations that took part";
    response_rate: "Responspercentage", "Response rate";
    distribution_caption: "Verdeling respondenten naar {segment} (n={n})", "Respondents by {segment} (n={n})";
    no_answers: "geen antwoorden", "no answers";
    other: "Overig", "Other";
    unknown: "Onbekend", "Unknown";
    critics: "Critici (0–6)", "Detractors (0–6)";
    passives: "Neutralen (7–8)", "Passives (7–8)";
    promoters: "Fans (9–10)", "Promoters (9–10)";
    mean_score: "Gemiddelde score", "Mean score";
    /// Between the ends of an NPS's interval: "−26 tot +53".
    interval_to: "tot", "to";
    and: "en", "and";
    or: "of", "or";
    // Notes under a table.
    several_answers: "Meerdere antwoorden mogelijk: de percentages tellen niet op tot 100%.", "Several answers possible: the percentages do not add up to 100%.";
    several_answers_per_group: "Meerdere antwoorden mogelijk: per groep het percentage dat het antwoord koos.", "Several answers possible: per group the percentage that chose the answer.";
    scale_note: "Gemiddelde score op een schaal van {min} tot {max}.", "Mean score on a scale from {min} to {max}.";
    routing_note: "Alleen gevraagd aan wie bij ‘{question}’ antwoordde: {answers}.", "Only asked of those who answered ‘{question}’ with: {answers}.";
    suppressed_scores: "–: minder dan {min_group} scores in deze groep; het gemiddelde wordt niet getoond.", "–: fewer than {min_group} scores in this group; the mean is not shown.";
    unknown_note: "Totaal excl. onbekend: {who} niet mee in deze tabel; de tabel in het hoofdstuk telt ook hun antwoorden.", "Total excl. unknown: {who} not counted in this table; the chapter's table counts their answers too.";
    unknown_one: "1 respondent zonder bekende groep telt", "1 respondent without a known group is";
    unknown_many: "{n} respondenten zonder bekende groep tellen", "{n} respondents without a known group are";
    merged_note: "Overig omvat {names}: groepen met minder dan {min_group} respondenten worden samengevoegd, zodat geen antwoord van een afzonderlijke organisatie herkenbaar is.",
        "Other holds {names}: groups with fewer than {min_group} respondents are merged, so that no answer of a single organisation can be recognised.";
    indicative_note: "{mark} Indicatief: minder dan {n} respondenten, de uitkomst is onzeker.", "{mark} Indicative: fewer than {n} respondents, the outcome is uncertain.";
    indicative_margin: " De marge onder elk percentage laat zien hoe onzeker de uitkomst is.", " The margin under each percentage shows how uncertain it is.";
    // Verdicts under a breakdown.
    nobody_answered: "Geen toets: niemand heeft deze vraag beantwoord (geen antwoorden).", "No test: nobody answered this question (no answers).";
    no_test: "Geen toets mogelijk: te weinig verschillende antwoorden of groepen.", "No test possible: too few different answers or groups.";
    significant: "Dit is een statistisch significant verschil ({p}, gecorrigeerd voor meervoudig toetsen).", "This is a statistically significant difference ({p}, corrected for multiple testing).";
    not_significant: "Geen statistisch significant verschil ({p}, gecorrigeerd voor meervoudig toetsen).", "No statistically significant difference ({p}, corrected for multiple testing).";
    too_few: "Te weinig respondenten om te zeggen of de groepen verschillen: geen statistisch significant verschil ({p}, gecorrigeerd voor meervoudig toetsen), maar {reason}, zodat ook een flink verschil hier niet als significant naar voren komt.",
        "Too few respondents to tell whether the groups differ: no statistically significant difference ({p}, corrected for multiple testing), but {reason}, so even a sizeable difference would not show as significant here.";
    smallest_group_one: "de kleinste groep telt 1 respondent", "the smallest group has 1 respondent";
    smallest_group: "de kleinste groep telt {n} respondenten", "the smallest group has {n} respondents";
    small_expected: "er worden te weinig antwoorden per cel verwacht (het kleinste verwachte aantal is {expected})", "too few answers are expected per cell (the smallest expected count is {expected})";
    rows_none: "Bij geen van de onderdelen een statistisch significant verschil tussen de groepen (gecorrigeerd voor meervoudig toetsen).", "No statistically significant difference between the groups for any item (corrected for multiple testing).";
    rows_differ: "Statistisch significant verschil tussen de groepen bij: {rows} (gecorrigeerd voor meervoudig toetsen).", "A statistically significant difference between the groups for: {rows} (corrected for multiple testing).";
    rows_too_few: " Te weinig respondenten om te zeggen of de groepen verschillen bij: {rows}; zie de toelichting per onderdeel.", " Too few respondents to tell whether the groups differ for: {rows}; see the line per item.";
    row_test: "{label}: {p} gecorrigeerd; {method}{effect}.{caveat}", "{label}: {p} corrected; {method}{effect}.{caveat}";
    row_no_test: "{label}: geen toets mogelijk (te weinig verschillende antwoorden of groepen).", "{label}: no test possible (too few different answers or groups).";
    row_too_few: " Te weinig om te zeggen: {reason}.", " Too few to tell: {reason}.";
    // The line naming a test.
    test_line: "Toets: {method}.", "Test: {method}.";
    effect_line: " Effectgrootte: {effect}.", " Effect size: {effect}.";
    uncorrected: "p zonder correctie", "p without correction";
    pearson: "chi-kwadraattoets van Pearson ({figures})", "Pearson's chi-square test ({figures})";
    fisher: "exacte toets van Fisher, omdat de chi-kwadraattoets hier niet betrouwbaar is ({why}; {figures})", "Fisher's exact test, because the chi-square test is not reliable here ({why}; {figures})";
    monte_carlo: "permutatietoets (Monte Carlo, {permutations} permutaties met vaste startwaarde) op de chi-kwadraatwaarde, omdat de chi-kwadraatverdeling hier niet betrouwbaar is ({why}; {figures})",
        "permutation test (Monte Carlo, {permutations} permutations with a fixed seed) of the chi-square value, because the chi-square distribution is not reliable here ({why}; {figures})";
    kruskal_wallis: "Kruskal–Wallis-toets ({figures})", "Kruskal–Wallis test ({figures})";
    two_proportions: "toets voor twee proporties ({figures})", "two-proportion test ({figures})";
    sparse_cells: "in {below} van de {cells} cellen worden minder dan 5 antwoorden verwacht, het kleinste verwachte aantal is {min}", "{below} of the {cells} cells expect fewer than 5 answers, the smallest expected count is {min}";
    cramers_v: "Cramérs V", "Cramér's V";
    epsilon_squared: "ε²", "ε²";
    cohens_h: "Cohens h", "Cohen's h";
    negligible: "verwaarloosbaar", "negligible";
    small: "klein", "small";
    medium: "middelgroot", "medium";
    large: "groot", "large";
    // The change since the year before, under a chapter's table.
    change_note: "Verschil {to} ten opzichte van {from} in procentpunten, getoetst met de toets voor twee proporties of, waar een cel minder dan 5 antwoorden verwacht, de exacte toets van Fisher (p gecorrigeerd voor meervoudig toetsen){marks}: {changes}. {panel}",
        "Change {to} compared with {from} in percentage points, tested with the two-proportion test or, where a cell expects fewer than 5 answers, Fisher's exact test (p corrected for multiple testing){marks}: {changes}. {panel}";
    /// After the changes: the two years are not independent samples.
    change_panel: "Veel organisaties antwoordden in beide jaren; de toets behandelt de jaren als afzonderlijke steekproeven, waardoor hij een verandering eerder mist dan ten onrechte vindt.",
        "Many organisations answered in both years; the test treats the years as separate samples, so it is more likely to miss a change than to find one that is not there.";
    change_exact: "; exacte toets van Fisher", "; Fisher's exact test";
    wording_changed: "De vraag is vanaf {year} anders gesteld: de uitkomsten van eerdere jaren zijn niet zonder meer vergelijkbaar, en de verschillen met die jaren zijn niet getoetst.",
        "The question is worded differently from {year} on: the results of earlier years are not directly comparable, and the changes since those years are not tested.";
    change_marks: "; ▲ of ▼: statistisch significant gestegen of gedaald", "; ▲ or ▼: a statistically significant rise or fall";
    change_none: "; geen enkel verschil is statistisch significant", "; no change is statistically significant";
    change_part: "{option} {points} ({p}; zonder correctie {raw}{exact}{effect}{too_few})", "{option} {points} ({p}; without correction {raw}{exact}{effect}{too_few})";
    change_too_few: "; te weinig respondenten om te zeggen", "; too few respondents to tell";
    // The method appendix.
    method_n: "Het aantal respondenten (n) verschilt per vraag: sommige vragen zijn alleen gesteld aan wie een eerdere vraag op een bepaalde manier beantwoordde, en alleen wie de vraag kreeg en beantwoordde telt mee. Onder elke tabel staat n per jaar.",
        "The number of respondents (n) differs per question: some questions were only asked of those who answered an earlier question in a certain way, and only who was asked and answered counts. Under each table is n per year.";
    method_rounding: "Percentages bij vragen met één antwoord zijn zo afgerond dat ze samen 100% zijn (methode van de grootste overschotten).",
        "Percentages of questions with one answer are rounded so that they add up to 100% (largest remainder method).";
    method_nps: "De Net Promoter Score (NPS) deelt de antwoorden op een schaal van 0 tot 10 in: critici (0–6), neutralen (7–8) en fans (9–10). De NPS is het percentage fans min het percentage critici.",
        "The Net Promoter Score (NPS) divides the answers on a scale of 0 to 10 into detractors (0–6), passives (7–8) and promoters (9–10). The NPS is the percentage of promoters minus the percentage of detractors.";
    method_breakdowns: "In de bijlagen zijn de antwoorden uitgesplitst naar groep. Groepen met minder dan {min_group} respondenten zijn samengevoegd tot ‘Overig’. Of een verschil tussen groepen statistisch significant is, is getoetst bij een significantieniveau van {level}. Bij vragen met één antwoord en bij de NPS is dat de chi-kwadraattoets van Pearson, maar alleen waar die betrouwbaar is (regel van Cochran: in hoogstens 20% van de cellen minder dan {min_expected} verwachte antwoorden en in geen cel minder dan 1). Anders is voor een tabel van 2×2 de exacte toets van Fisher gebruikt, en voor een grotere tabel een permutatietoets (Monte Carlo, {permutations} permutaties met een vaste startwaarde, zodat de uitkomst bij elke bouw dezelfde is). Bij vragen met meer antwoorden is elk antwoord apart zo getoetst; bij scores is de Kruskal–Wallis-toets gebruikt, die de rangordes van de scores tussen de groepen vergelijkt. Onder elke tabel staat welke toets is gebruikt.",
        "In the appendices the answers are broken down by group. Groups with fewer than {min_group} respondents are merged into ‘Other’. Whether a difference between groups is statistically significant was tested at a significance level of {level}. For questions with one answer and for the NPS that is Pearson's chi-square test, but only where it is reliable (Cochran's rule: at most 20% of the cells expect fewer than {min_expected} answers and no cell fewer than 1). Otherwise Fisher's exact test was used for a 2×2 table, and a permutation test for a larger table (Monte Carlo, {permutations} permutations with a fixed seed, so that every build gives the same outcome). For questions with several answers each answer was tested on its own in this way; for scores the Kruskal–Wallis test was used, which compares the ranks of the scores between the groups. Under each table is the test that was used.";
    method_changes: "Verschillen met het vorige jaar zijn per antwoord getoetst met de toets voor twee proporties (z-toets), of met de exacte toets van Fisher waar een cel van de tabel (jaar × wel of niet dit antwoord) minder dan 5 antwoorden verwacht. Een vraag die in het codeboek als anders gesteld is gemarkeerd, wordt niet over die verandering heen getoetst. De toets behandelt de jaren als afzonderlijke steekproeven, al antwoorden veel organisaties in beide jaren. De gegevens van eerdere jaren zijn percentages met n; het aantal respondenten per antwoord is daarom teruggerekend als percentage × n, afgerond. Een significante stijging of daling staat in de tabel aangegeven met ▲ of ▼.",
        "Changes since the year before were tested per answer with the two-proportion test (z-test), or with Fisher's exact test where a cell of the table (year × this answer or not) expects fewer than 5 answers. A question the codebook marks as worded differently is not tested across that change. The test treats the years as separate samples, although many organisations answer in both years. The data of earlier years are percentages with n, so the number of respondents per answer was worked back as percentage × n, rounded. A significant rise or fall is marked in the table with ▲ or ▼.";
    method_intervals: "Onder elk percentage staat de 95%-betrouwbaarheidsmarge: het gebied waarin het percentage onder alle benaderde organisaties met 95% zekerheid ligt, berekend met de methode van Wilson (die ook bij kleine groepen en bij 0% of 100% een zinvolle marge geeft). Bij de gegevens van eerdere jaren is het aantal respondenten per antwoord teruggerekend als percentage × n. Onder de NPS staat de marge volgens de aangepaste Wald-methode (Rocks, 2016): bij critici en fans wordt ¾ opgeteld en bij neutralen 1½ voordat de gewone marge van het verschil tussen fans en critici wordt berekend.",
        "Under each percentage is its 95% confidence interval: the range in which the percentage among all organisations approached lies with 95% certainty, computed with Wilson's method (which gives a sensible interval for small groups and at 0% or 100% too). For the data of earlier years the number of respondents per answer was worked back as percentage × n. Under the NPS is its interval by the adjusted Wald method (Rocks, 2016): ¾ is added to the detractors and the promoters and 1½ to the passives before the usual interval of the difference between promoters and detractors is computed.";
    method_indicative: "Een groep (of een jaar) met minder dan {n} respondenten is gemarkeerd met {mark} als indicatief: de percentages zijn dan onzeker, zoals de brede marges laten zien.",
        "A group (or a year) with fewer than {n} respondents is marked {mark} as indicative: its percentages are uncertain, as the wide intervals show.";
    method_effects: "Naast elke toets staat de effectgrootte: hoe groot het verschil is, los van de vraag of het toeval kan zijn. Bij tabellen van antwoorden × groepen is dat Cramérs V (0 = geen samenhang, 1 = volledige samenhang), bij scores ε² van de Kruskal–Wallis-toets (H / (n − 1): het deel van de spreiding in rangordes dat tussen de groepen ligt) en bij een verandering tussen twee jaren Cohens h. De woorden klein, middelgroot en groot volgen de vuistregels van Cohen (1988); bij Cramérs V gedeeld door de wortel van (het kleinste aantal rijen of kolommen − 1).",
        "Beside each test is its effect size: how large the difference is, apart from whether it could be chance. For tables of answers × groups that is Cramér's V (0 = no association, 1 = complete association), for scores ε² of the Kruskal–Wallis test (H / (n − 1): the share of the spread in ranks that lies between the groups) and for a change between two years Cohen's h. The words small, medium and large follow Cohen's (1988) rules of thumb; for Cramér's V divided by the square root of (the smaller number of rows or columns − 1).";
    method_too_few: "Een niet-significante uitkomst betekent niet altijd dat er geen verschil is. Als de kleinste groep minder dan {n} respondenten telt, of als de toets niet op de chi-kwadraatverdeling kon steunen omdat er te weinig antwoorden per cel verwacht werden, heeft de toets weinig kans om een bestaand verschil te vinden. Dan staat er ‘te weinig respondenten om te zeggen of de groepen verschillen’ in plaats van ‘geen statistisch significant verschil’.",
        "A result that is not significant does not always mean that there is no difference. When the smallest group has fewer than {n} respondents, or when the test could not rely on the chi-square distribution because too few answers per cell were expected, the test has little chance of finding a real difference. It then says ‘too few respondents to tell whether the groups differ’ instead of ‘no statistically significant difference’.";
    method_many_tests: "Wie veel toetsen doet, vindt ook bij toeval af en toe een ‘significant’ verschil. Daarom zijn de p-waarden van alle {tests} toetsen in dit rapport samen gecorrigeerd met de methode van Benjamini en Hochberg; een verschil heet significant als de gecorrigeerde p-waarde onder {level} ligt. Onder elke tabel staat ook de p-waarde zonder correctie.",
        "Whoever does many tests will find a ‘significant’ difference now and then by chance. So the p-values of all {tests} tests in this report were corrected together with the method of Benjamini and Hochberg; a difference is called significant when its corrected p-value lies below {level}. Under each table is the p-value without correction too.";
}
