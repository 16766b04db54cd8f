//! Alias tables: the seats of the courts behind Judilibre's `location` codes and the codes of
//! the administrative courts.
//!
//! Built from Judilibre's public taxonomies (`Cour-de-cassation/judilibre-search`,
//! `src/taxons/{ca,tj,tcom,cph}/location.js`). The tribunaux judiciaires are keyed by the INSEE
//! commune code of their seat, which the taxonomy sometimes writes without its leading zero
//! (`TJ6088` for Nice, 06088) and, for Paris, Lyon and Marseille, sometimes as the code of an
//! arrondissement (`TJ75101`): [`tj_city`] accepts all of these.

/// Courts of appeal: Judilibre `location` → seat.
pub const CA_LOCATIONS: &[(&str, &str)] = &[
    ("ca_agen", "Agen"),
    ("ca_aix_provence", "Aix-en-Provence"),
    ("ca_aix_en_provence", "Aix-en-Provence"),
    ("ca_amiens", "Amiens"),
    ("ca_angers", "Angers"),
    ("ca_basse_terre", "Basse-Terre"),
    ("ca_bastia", "Bastia"),
    ("ca_besancon", "Besançon"),
    ("ca_bordeaux", "Bordeaux"),
    ("ca_bourges", "Bourges"),
    ("ca_caen", "Caen"),
    ("ca_cayenne", "Cayenne"),
    ("ca_chambery", "Chambéry"),
    ("ca_colmar", "Colmar"),
    ("ca_dijon", "Dijon"),
    ("ca_douai", "Douai"),
    ("ca_fort_de_france", "Fort-de-France"),
    ("ca_grenoble", "Grenoble"),
    ("ca_limoges", "Limoges"),
    ("ca_lyon", "Lyon"),
    ("ca_metz", "Metz"),
    ("ca_montpellier", "Montpellier"),
    ("ca_nancy", "Nancy"),
    ("ca_nimes", "Nîmes"),
    ("ca_noumea", "Nouméa"),
    ("ca_orleans", "Orléans"),
    ("ca_papeete", "Papeete"),
    ("ca_paris", "Paris"),
    ("ca_pau", "Pau"),
    ("ca_poitiers", "Poitiers"),
    ("ca_reims", "Reims"),
    ("ca_rennes", "Rennes"),
    ("ca_riom", "Riom"),
    ("ca_rouen", "Rouen"),
    ("ca_st_denis_reunion", "Saint-Denis de La Réunion"),
    ("ca_toulouse", "Toulouse"),
    ("ca_versailles", "Versailles"),
];

/// Tribunaux judiciaires: INSEE code of the seat (five characters) → seat.
pub const TJ_INSEE: &[(&str, &str)] = &[
    ("01053", "Bourg-en-Bresse"),
    ("02408", "Laon"),
    ("02691", "Saint-Quentin"),
    ("02722", "Soissons"),
    ("03095", "Cusset"),
    ("03185", "Montluçon"),
    ("03190", "Moulins"),
    ("04070", "Digne-les-Bains"),
    ("05061", "Gap"),
    ("06069", "Grasse"),
    ("06088", "Nice"),
    ("07186", "Privas"),
    ("08105", "Charleville-Mézières"),
    ("09122", "Foix"),
    ("10387", "Troyes"),
    ("11069", "Carcassonne"),
    ("11262", "Narbonne"),
    ("12145", "Millau"),
    ("12202", "Rodez"),
    ("13001", "Aix-en-Provence"),
    ("13055", "Marseille"),
    ("13108", "Tarascon"),
    ("14118", "Caen"),
    ("14366", "Lisieux"),
    ("15014", "Aurillac"),
    ("16015", "Angoulême"),
    ("17300", "La Rochelle"),
    ("18033", "Bourges"),
    ("19031", "Brive-la-Gaillarde"),
    ("21231", "Dijon"),
    ("22070", "Guingamp"),
    ("22278", "Saint-Brieuc"),
    ("23096", "Guéret"),
    ("24037", "Bergerac"),
    ("24322", "Périgueux"),
    ("25056", "Besançon"),
    ("25388", "Montbéliard"),
    ("26362", "Valence"),
    ("27229", "Évreux"),
    ("28085", "Chartres"),
    ("29019", "Brest"),
    ("29232", "Quimper"),
    ("2A004", "Ajaccio"),
    ("2B033", "Bastia"),
    ("30007", "Alès"),
    ("30189", "Nîmes"),
    ("31483", "Saint-Gaudens"),
    ("31555", "Toulouse"),
    ("32013", "Auch"),
    ("33063", "Bordeaux"),
    ("33243", "Libourne"),
    ("34032", "Béziers"),
    ("34172", "Montpellier"),
    ("35238", "Rennes"),
    ("35288", "Saint-Malo"),
    ("36044", "Châteauroux"),
    ("37261", "Tours"),
    ("38053", "Bourgoin-Jallieu"),
    ("38185", "Grenoble"),
    ("38544", "Vienne"),
    ("39198", "Dole"),
    ("39300", "Lons-le-Saunier"),
    ("40088", "Dax"),
    ("40192", "Mont-de-Marsan"),
    ("41018", "Blois"),
    ("42187", "Roanne"),
    ("42218", "Saint-Étienne"),
    ("43157", "Le Puy-en-Velay"),
    ("44109", "Nantes"),
    ("44184", "Saint-Nazaire"),
    ("45208", "Montargis"),
    ("45234", "Orléans"),
    ("46042", "Cahors"),
    ("47001", "Agen"),
    ("47157", "Marmande"),
    ("48095", "Mende"),
    ("49007", "Angers"),
    ("49328", "Saumur"),
    ("50129", "Cherbourg"),
    ("50147", "Coutances"),
    ("51108", "Châlons-en-Champagne"),
    ("51454", "Reims"),
    ("52121", "Chaumont"),
    ("53130", "Laval"),
    ("54099", "Briey"),
    ("54395", "Nancy"),
    ("55029", "Bar-le-Duc"),
    ("55545", "Verdun"),
    ("56121", "Lorient"),
    ("56260", "Vannes"),
    ("57463", "Metz"),
    ("57672", "Thionville"),
    ("58194", "Nevers"),
    ("59036", "Avesnes-sur-Helpe"),
    ("59122", "Cambrai"),
    ("59178", "Douai"),
    ("59183", "Dunkerque"),
    ("59350", "Lille"),
    ("59606", "Valenciennes"),
    ("60057", "Beauvais"),
    ("60159", "Compiègne"),
    ("60612", "Senlis"),
    ("61001", "Alençon"),
    ("61006", "Argentan"),
    ("62041", "Arras"),
    ("62119", "Béthune"),
    ("62160", "Boulogne-sur-Mer"),
    ("62765", "Saint-Omer"),
    ("63113", "Clermont-Ferrand"),
    ("64102", "Bayonne"),
    ("64445", "Pau"),
    ("65440", "Tarbes"),
    ("66136", "Perpignan"),
    ("67437", "Saverne"),
    ("67482", "Strasbourg"),
    ("68066", "Colmar"),
    ("68224", "Mulhouse"),
    ("69123", "Lyon"),
    ("69264", "Villefranche-sur-Saône"),
    ("70550", "Vesoul"),
    ("71076", "Chalon-sur-Saône"),
    ("71270", "Mâcon"),
    ("72181", "Le Mans"),
    ("73011", "Albertville"),
    ("73065", "Chambéry"),
    ("74010", "Annecy"),
    ("74042", "Bonneville"),
    ("74281", "Thonon-les-Bains"),
    ("75056", "Paris"),
    ("76217", "Dieppe"),
    ("76351", "Le Havre"),
    ("76540", "Rouen"),
    ("77186", "Fontainebleau"),
    ("77284", "Meaux"),
    ("77288", "Melun"),
    ("78646", "Versailles"),
    ("79191", "Niort"),
    ("80021", "Amiens"),
    ("81004", "Albi"),
    ("81065", "Castres"),
    ("82121", "Montauban"),
    ("83050", "Draguignan"),
    ("83137", "Toulon"),
    ("84007", "Avignon"),
    ("84031", "Carpentras"),
    ("85191", "La Roche-sur-Yon"),
    ("85194", "Les Sables-d'Olonne"),
    ("86194", "Poitiers"),
    ("87085", "Limoges"),
    ("88160", "Épinal"),
    ("89024", "Auxerre"),
    ("89387", "Sens"),
    ("90010", "Belfort"),
    ("91228", "Évry"),
    ("92050", "Nanterre"),
    ("93008", "Bobigny"),
    ("94028", "Créteil"),
    ("95500", "Pontoise"),
    ("97105", "Basse-Terre"),
    ("97120", "Pointe-à-Pitre"),
    ("97209", "Fort-de-France"),
    ("97302", "Cayenne"),
    ("97311", "Saint-Laurent-du-Maroni"),
    ("97411", "Saint-Denis de La Réunion"),
    ("97416", "Saint-Pierre de La Réunion"),
    ("97611", "Mamoudzou"),
    ("97801", "Saint-Martin"),
    ("98613", "Mata-Utu"),
    ("98735", "Papeete"),
    ("98811", "Koné"),
    ("98818", "Nouméa"),
];

/// The seat of a tribunal judiciaire from its INSEE code as Judilibre writes it (`75056`,
/// `6088`, `2A004`, `75101`): the code is padded to five characters; an arrondissement of
/// Paris, Lyon or Marseille stands for the city.
pub fn tj_city(code: &str) -> Option<&'static str> {
    let code = code.to_ascii_uppercase();
    if code.is_empty() || code.len() > 5 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let padded = format!("{code:0>5}");
    if let Some(&(_, city)) = TJ_INSEE.iter().find(|(c, _)| *c == padded) {
        return Some(city);
    }
    let arrondissement = |prefix: &str, lo: u32, hi: u32| {
        padded.starts_with(prefix)
            && padded[prefix.len()..]
                .parse::<u32>()
                .is_ok_and(|n| (lo..=hi).contains(&n))
    };
    if arrondissement("751", 1, 20) {
        Some("Paris")
    } else if arrondissement("6938", 1, 9) {
        Some("Lyon")
    } else if arrondissement("132", 1, 16) {
        Some("Marseille")
    } else {
        None
    }
}

/// Tribunaux de commerce (and tribunaux des activités économiques): Judilibre `location`
/// (greffe number) → label.
pub const TCOM_CODES: &[(&str, &str)] = &[
    ("4701", "Tribunal de commerce d'Agen"),
    ("1301", "Tribunal de commerce d'Aix-en-Provence"),
    ("2001", "Tribunal de commerce d'Ajaccio"),
    ("8101", "Tribunal de commerce d'Albi"),
    ("6101", "Tribunal de commerce d'Alençon"),
    ("8002", "Tribunal de commerce d'Amiens"),
    ("4901", "Tribunal de commerce d'Angers"),
    ("1601", "Tribunal de commerce d'Angoulême"),
    ("7401", "Tribunal de commerce d'Annecy"),
    ("0601", "Tribunal de commerce d'Antibes"),
    ("6201", "Tribunal de commerce d'Arras"),
    ("0702", "Tribunal de commerce d'Aubenas"),
    ("3201", "Tribunal de commerce d'Auch"),
    ("1501", "Tribunal de commerce d'Aurillac"),
    ("8901", "Tribunal des activités économiques d'Auxerre"),
    ("8401", "Tribunal des activités économiques d'Avignon"),
    ("5501", "Tribunal de commerce de Bar-le-Duc"),
    ("9711", "Tribunal de commerce de Basse-Terre"),
    ("2002", "Tribunal de commerce de Bastia"),
    ("6401", "Tribunal de commerce de Bayonne"),
    ("6001", "Tribunal de commerce de Beauvais"),
    ("9001", "Tribunal de commerce de Belfort"),
    ("2401", "Tribunal de commerce de Bergerac"),
    ("2701", "Tribunal de commerce de Bernay"),
    ("2501", "Tribunal de commerce de Besançon"),
    ("3402", "Tribunal de commerce de Béziers"),
    ("4101", "Tribunal de commerce de Blois"),
    ("9301", "Tribunal de commerce de Bobigny"),
    ("3302", "Tribunal de commerce de Bordeaux"),
    ("6202", "Tribunal de commerce de Boulogne-sur-Mer"),
    ("0101", "Tribunal de commerce de Bourg-en-Bresse"),
    ("1801", "Tribunal de commerce de Bourges"),
    ("2901", "Tribunal de commerce de Brest"),
    ("5401", "Tribunal de commerce de Briey"),
    ("1901", "Tribunal de commerce de Brive-la-Gaillarde"),
    ("1402", "Tribunal de commerce de Caen"),
    ("4601", "Tribunal de commerce de Cahors"),
    ("0602", "Tribunal de commerce de Cannes"),
    ("1101", "Tribunal de commerce de Carcassonne"),
    ("8102", "Tribunal de commerce de Castres"),
    ("9731", "Tribunal de commerce de Cayenne"),
    ("7102", "Tribunal de commerce de Chalon-sur-Saône"),
    ("5101", "Tribunal de commerce de Châlons-en-Champagne"),
    ("7301", "Tribunal de commerce de Chambéry"),
    ("2801", "Tribunal de commerce de Chartres"),
    ("3601", "Tribunal de commerce de Châteauroux"),
    ("5201", "Tribunal de commerce de Chaumont"),
    ("5001", "Tribunal de commerce de Cherbourg"),
    ("6303", "Tribunal de commerce de Clermont-Ferrand"),
    ("6002", "Tribunal de commerce de Compiègne"),
    ("5002", "Tribunal de commerce de Coutances"),
    ("9401", "Tribunal de commerce de Créteil"),
    ("0301", "Tribunal de commerce de Cusset"),
    ("4001", "Tribunal de commerce de Dax"),
    ("7601", "Tribunal de commerce de Dieppe"),
    ("2104", "Tribunal de commerce de Dijon"),
    ("5952", "Tribunal de commerce de Douai"),
    ("8302", "Tribunal de commerce de Draguignan"),
    ("5902", "Tribunal de commerce de Dunkerque"),
    ("8801", "Tribunal de commerce d'Épinal"),
    ("2702", "Tribunal de commerce d'Évreux"),
    ("7801", "Tribunal de commerce d'Évry"),
    ("0901", "Tribunal de commerce de Foix"),
    ("9721", "Tribunal de commerce de Fort-de-France"),
    ("8303", "Tribunal de commerce de Fréjus"),
    ("0501", "Tribunal de commerce de Gap"),
    ("0603", "Tribunal de commerce de Grasse"),
    ("3801", "Tribunal de commerce de Grenoble"),
    ("2301", "Tribunal de commerce de Guéret"),
    ("8501", "Tribunal de commerce de La Roche-sur-Yon"),
    ("1704", "Tribunal de commerce de La Rochelle"),
    ("5301", "Tribunal de commerce de Laval"),
    ("7606", "Tribunal des activités économiques du Havre"),
    ("7202", "Tribunal des activités économiques du Mans"),
    ("4302", "Tribunal de commerce du Puy-en-Velay"),
    ("3303", "Tribunal de commerce de Libourne"),
    ("5910", "Tribunal de commerce de Lille Métropole"),
    ("8701", "Tribunal des activités économiques de Limoges"),
    ("1407", "Tribunal de commerce de Lisieux"),
    ("3902", "Tribunal de commerce de Lons-le-Saunier"),
    ("5601", "Tribunal de commerce de Lorient"),
    ("6901", "Tribunal des activités économiques de Lyon"),
    ("7106", "Tribunal de commerce de Mâcon"),
    ("9761", "Tribunal de commerce de Mamoudzou"),
    ("0401", "Tribunal de commerce de Manosque"),
    ("1303", "Tribunal des activités économiques de Marseille"),
    ("7701", "Tribunal de commerce de Meaux"),
    ("7702", "Tribunal de commerce de Melun"),
    ("4801", "Tribunal de commerce de Mende"),
    ("4002", "Tribunal de commerce de Mont-de-Marsan"),
    ("8201", "Tribunal de commerce de Montauban"),
    ("0303", "Tribunal de commerce de Montluçon"),
    ("3405", "Tribunal de commerce de Montpellier"),
    ("5402", "Tribunal des activités économiques de Nancy"),
    ("9201", "Tribunal des activités économiques de Nanterre"),
    ("4401", "Tribunal de commerce de Nantes"),
    ("1104", "Tribunal de commerce de Narbonne"),
    ("5802", "Tribunal de commerce de Nevers"),
    ("0605", "Tribunal de commerce de Nice"),
    ("3003", "Tribunal de commerce de Nîmes"),
    ("7901", "Tribunal de commerce de Niort"),
    ("4502", "Tribunal de commerce d'Orléans"),
    ("7501", "Tribunal des activités économiques de Paris"),
    ("6403", "Tribunal de commerce de Pau"),
    ("2402", "Tribunal de commerce de Périgueux"),
    ("6601", "Tribunal de commerce de Perpignan"),
    ("9712", "Tribunal de commerce de Pointe-à-Pitre"),
    ("8602", "Tribunal de commerce de Poitiers"),
    ("7802", "Tribunal de commerce de Pontoise"),
    ("2903", "Tribunal de commerce de Quimper"),
    ("5103", "Tribunal de commerce de Reims"),
    ("3501", "Tribunal de commerce de Rennes"),
    ("4201", "Tribunal de commerce de Roanne"),
    ("1203", "Tribunal de commerce de Rodez"),
    ("2602", "Tribunal de commerce de Romans"),
    ("7608", "Tribunal de commerce de Rouen"),
    ("2202", "Tribunal des activités économiques de Saint-Brieuc"),
    ("9741", "Tribunal de commerce de Saint-Denis de La Réunion"),
    ("4202", "Tribunal de commerce de Saint-Étienne"),
    ("3502", "Tribunal de commerce de Saint-Malo"),
    ("4402", "Tribunal de commerce de Saint-Nazaire"),
    ("9742", "Tribunal de commerce de Saint-Pierre de La Réunion"),
    ("0202", "Tribunal de commerce de Saint-Quentin"),
    ("1708", "Tribunal de commerce de Saintes"),
    ("1304", "Tribunal de commerce de Salon-de-Provence"),
    ("0802", "Tribunal de commerce de Sedan"),
    ("8903", "Tribunal de commerce de Sens"),
    ("0203", "Tribunal de commerce de Soissons"),
    ("1305", "Tribunal de commerce de Tarascon"),
    ("6502", "Tribunal de commerce de Tarbes"),
    ("7402", "Tribunal de commerce de Thonon-les-Bains"),
    ("8305", "Tribunal de commerce de Toulon"),
    ("3102", "Tribunal de commerce de Toulouse"),
    ("3701", "Tribunal de commerce de Tours"),
    ("1001", "Tribunal de commerce de Troyes"),
    ("5906", "Tribunal de commerce de Valenciennes"),
    ("5602", "Tribunal de commerce de Vannes"),
    ("7001", "Tribunal de commerce de Vesoul - Gray"),
    ("7803", "Tribunal des activités économiques de Versailles"),
    ("3802", "Tribunal de commerce de Vienne"),
    (
        "6903",
        "Tribunal de commerce de Villefranche-sur-Saône - Tarare",
    ),
];

/// The label of a tribunal de commerce from its greffe number (`8501`, or `801` for `0801`).
pub fn tcom_label(code: &str) -> Option<&'static str> {
    if code.is_empty() || code.len() > 4 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let padded = format!("{code:0>4}");
    TCOM_CODES
        .iter()
        .find(|(c, _)| *c == padded)
        .map(|&(_, label)| label)
}

/// Conseils de prud'hommes: the codes Judilibre's taxonomy gives → seat.
pub const CPH_CODES: &[(&str, &str)] = &[
    ("101152", "Annemasse"),
    ("100971", "Arles"),
    ("101184", "Avignon"),
    ("100998", "Bergerac"),
    ("101005", "Bernay"),
    ("101046", "Blois"),
    ("100986", "Bourges"),
    ("100952", "Cannes"),
    ("100958", "Charleville-Mézières"),
    ("101119", "Clermont-Ferrand"),
    ("101134", "Colmar"),
    ("101108", "Creil"),
    ("101044", "Dax"),
    ("101157", "Dieppe"),
    ("101181", "Draguignan"),
    ("101006", "Évreux"),
    ("101022", "Libourne"),
    ("101165", "Mantes-la-Jolie"),
    ("101001", "Montbéliard"),
    ("101045", "Mont-de-Marsan"),
    ("100946", "Moulins"),
    ("101079", "Nancy"),
    ("101089", "Nevers"),
    ("101186", "Orange"),
    ("101175", "Péronne"),
    ("101167", "Rambouillet"),
    ("101072", "Reims"),
    ("101103", "Roubaix"),
    ("101215", "Saint-Denis"),
    ("100985", "Saintes"),
    ("101216", "Saint-Pierre"),
    ("101125", "Tarbes"),
    ("101019", "Toulouse"),
    ("100964", "Troyes"),
    ("101105", "Valenciennes"),
];

/// Tribunaux administratifs of metropolitan France: the department of the seat, as in the
/// administrative open data's `Code_Juridiction` (`TA95`) → seat.
pub const TA_CODES: &[(&str, &str)] = &[
    ("06", "Nice"),
    ("13", "Marseille"),
    ("14", "Caen"),
    ("21", "Dijon"),
    ("25", "Besançon"),
    ("30", "Nîmes"),
    ("31", "Toulouse"),
    ("33", "Bordeaux"),
    ("34", "Montpellier"),
    ("35", "Rennes"),
    ("38", "Grenoble"),
    ("44", "Nantes"),
    ("45", "Orléans"),
    ("51", "Châlons-en-Champagne"),
    ("54", "Nancy"),
    ("59", "Lille"),
    ("63", "Clermont-Ferrand"),
    ("64", "Pau"),
    ("67", "Strasbourg"),
    ("69", "Lyon"),
    ("75", "Paris"),
    ("76", "Rouen"),
    ("77", "Melun"),
    ("78", "Versailles"),
    ("80", "Amiens"),
    ("83", "Toulon"),
    ("86", "Poitiers"),
    ("87", "Limoges"),
    ("93", "Montreuil"),
    ("95", "Cergy-Pontoise"),
];

/// Cours administratives d'appel, by the department of the seat (`CAA69`).
pub const CAA_CODES: &[(&str, &str)] = &[
    ("13", "Marseille"),
    ("31", "Toulouse"),
    ("33", "Bordeaux"),
    ("44", "Nantes"),
    ("54", "Nancy"),
    ("59", "Douai"),
    ("69", "Lyon"),
    ("75", "Paris"),
    ("78", "Versailles"),
];

/// Looks a department code up in [`TA_CODES`] or [`CAA_CODES`] (`6` and `06` alike).
pub fn department_city(table: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    if code.is_empty() || code.len() > 3 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let padded = format!("{code:0>2}");
    table
        .iter()
        .find(|(c, _)| *c == padded)
        .map(|&(_, city)| city)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tribunaux_judiciaires_of_the_2023_opening() {
        for (code, city) in [
            ("93008", "Bobigny"),
            ("33063", "Bordeaux"),
            ("59350", "Lille"),
            ("69123", "Lyon"),
            ("13055", "Marseille"),
            ("75056", "Paris"),
            ("35238", "Rennes"),
            ("97411", "Saint-Denis de La Réunion"),
            ("78646", "Versailles"),
        ] {
            assert_eq!(tj_city(code), Some(city), "{code}");
        }
    }

    #[test]
    fn judilibre_variants_of_insee_codes() {
        assert_eq!(tj_city("6088"), Some("Nice"));
        assert_eq!(tj_city("06088"), Some("Nice"));
        assert_eq!(tj_city("2a004"), Some("Ajaccio"));
        assert_eq!(tj_city("75101"), Some("Paris"));
        assert_eq!(tj_city("75117"), Some("Paris"));
        assert_eq!(tj_city("69383"), Some("Lyon"));
        assert_eq!(tj_city("13206"), Some("Marseille"));
        assert_eq!(tj_city("75121"), None);
        assert_eq!(tj_city("99999"), None);
        assert_eq!(tj_city("123456"), None);
    }

    #[test]
    fn tables_have_no_duplicate_keys() {
        fn check(table: &[(&str, &str)]) {
            let mut keys: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
            keys.sort_unstable();
            let n = keys.len();
            keys.dedup();
            assert_eq!(keys.len(), n);
        }
        check(CA_LOCATIONS);
        check(TJ_INSEE);
        check(TCOM_CODES);
        check(CPH_CODES);
        check(TA_CODES);
        check(CAA_CODES);
    }

    #[test]
    fn other_codes() {
        assert_eq!(
            tcom_label("8501"),
            Some("Tribunal de commerce de La Roche-sur-Yon")
        );
        assert_eq!(tcom_label("605"), Some("Tribunal de commerce de Nice"));
        assert_eq!(tcom_label("0000"), None);
        assert_eq!(department_city(TA_CODES, "95"), Some("Cergy-Pontoise"));
        assert_eq!(department_city(TA_CODES, "6"), Some("Nice"));
        assert_eq!(department_city(CAA_CODES, "69"), Some("Lyon"));
        assert_eq!(department_city(TA_CODES, "92"), None);
    }
}
