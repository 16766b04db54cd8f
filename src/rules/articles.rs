//! The French text of every article a rule cites, quoted from the conditions of use (CGU) and the
//! DILA notice, embedded in the binary.
//!
//! The CGU articles are quoted in full; statutes (COJ, CJA, CRPA, code pénal) only as the CGU quote
//! them, each file saying where the quotation comes from. Markdown emphasis and link syntax of the
//! source documents are dropped; the words are unchanged.

macro_rules! articles {
    ($($id:literal, $file:literal, $title:literal;)*) => {
        /// Every basis id that has a text, in the order `vigie explain` lists them.
        pub const BASIS_IDS: &[&str] = &[$($id),*];

        /// The French text of the article cited as `basis_id` (`CC V`, `COJ L.111-13`, `DILA`…).
        pub fn article_text(basis_id: &str) -> Option<&'static str> {
            match basis_id.trim() {
                $($id => Some(include_str!(concat!("../../assets/articles/", $file))),)*
                _ => None,
            }
        }

        /// A short French title for the article cited as `basis_id`.
        pub fn article_title(basis_id: &str) -> Option<&'static str> {
            match basis_id.trim() {
                $($id => Some($title),)*
                _ => None,
            }
        }
    };
}

articles! {
    "CC IV", "cc-iv.md", "CGU Cour de cassation, art. IV — Mise à jour des données";
    "CC V", "cc-v.md", "CGU Cour de cassation, art. V — Étendue du droit à réutilisation et conditions d'exercice";
    "CC VI", "cc-vi.md", "CGU Cour de cassation, art. VI — Interdiction du « profilage »";
    "CC VII", "cc-vii.md", "CGU Cour de cassation, art. VII — Protection des données à caractère personnel";
    "CC IX", "cc-ix.md", "CGU Cour de cassation, art. IX — Correction du défaut d'occultation des nom et prénoms des personnes physiques";
    "CC X", "cc-x.md", "CGU Cour de cassation, art. X — Traitement des demandes d'occultation ou de levée d'occultation";
    "CC XII", "cc-xii.md", "CGU Cour de cassation, art. XII — Responsabilité";
    "CE IV", "ce-iv.md", "CGU Conseil d'État, art. IV — Mise à jour des données";
    "CE V", "ce-v.md", "CGU Conseil d'État, art. V — Étendue du droit à réutilisation et conditions d'exercice";
    "CE VI", "ce-vi.md", "CGU Conseil d'État, art. VI — Interdiction du profilage";
    "CE VII", "ce-vii.md", "CGU Conseil d'État, art. VII — Protection des données à caractère personnel";
    "CE IX", "ce-ix.md", "CGU Conseil d'État, art. IX — Correction du défaut d'occultation des noms et prénoms des personnes physiques";
    "CE X", "ce-x.md", "CGU Conseil d'État, art. X — Traitement des demandes d'occultation ou de levée d'occultation";
    "CE XII", "ce-xii.md", "CGU Conseil d'État, art. XII — Responsabilité";
    "DILA", "dila.md", "Notice DILA relative à la réutilisation des données de Légifrance — intégrité, source et date";
    "COJ L.111-13", "coj-l-111-13.md", "Code de l'organisation judiciaire, art. L. 111-13 (tel que cité par les CGU de la Cour de cassation)";
    "COJ R.111-13", "coj-r-111-13.md", "Code de l'organisation judiciaire, art. R. 111-13 (tel que cité par les CGU de la Cour de cassation)";
    "CJA L.10", "cja-l-10.md", "Code de justice administrative, art. L. 10 (tel que cité par les CGU du Conseil d'État)";
    "CJA R.741-15", "cja-r-741-15.md", "Code de justice administrative, art. R. 741-15 (tel que cité par les CGU du Conseil d'État)";
    "CRPA L.322-1", "crpa-l-322-1.md", "Code des relations entre le public et l'administration, art. L. 322-1 (tel que cité par les CGU)";
    "code pénal 226-18", "code-penal-226-18.md", "Code pénal, art. 226-18 — peine à laquelle renvoie l'art. L. 111-13 du COJ";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rule;

    #[test]
    fn every_basis_of_the_registry_has_a_text_and_a_title() {
        for &rule in Rule::ALL {
            for id in crate::rules::basis::citable(rule) {
                let text = article_text(id).unwrap_or_else(|| panic!("{rule}: no text for {id}"));
                assert!(text.len() > 100, "{id}: text too short");
                assert!(article_title(id).is_some(), "{id}: no title");
            }
        }
    }

    #[test]
    fn texts_quote_the_seeds() {
        let v = article_text("CC V").unwrap();
        assert!(v.starts_with("V. ETENDUE DU DROIT A REUTILISATION"));
        assert!(v.contains("72 (soixante-douze) heures"));
        // The page break inside the quoted L. 322-1 was joined.
        assert!(v.contains("est soumise à la condition que ces dernières ne soient pas altérées"));
        let xii = article_text("CC XII").unwrap();
        assert!(xii.contains(
            "Interrompre définitivement la mise à disposition des données si le manquement est grave ou réitéré"
        ));
        assert!(
            article_text("CC IX")
                .unwrap()
                .contains("anonymisation.sder.courdecassation@justice.fr")
        );
        assert!(!article_text("CC IX").unwrap().contains("mailto:"));
        assert!(
            article_text("CE IX")
                .unwrap()
                .contains("opendata-signalerunprobleme@conseil-etat.fr")
        );
        assert!(
            article_text("DILA")
                .unwrap()
                .contains("la date de leur dernière mise à jour")
        );
        assert!(
            article_text("code pénal 226-18")
                .unwrap()
                .contains("226-18, 226-24 et 226-31")
        );
        assert!(article_text(" CE X ").is_some());
        // CE IV, which FRE004 cites on the Conseil d'État's decisions, word for word.
        assert!(article_text("CE IV").unwrap().contains(
            "Le Conseil d’Etat se réserve le droit de modifier, de supprimer ou de corriger, à tout \
             moment, à sa seule discrétion et sans préavis, toute donnée contenue dans la base \
             Décisions de la justice administrative."
        ));
        assert!(article_text("CC XI").is_none());
    }

    #[test]
    fn no_markdown_residue() {
        for id in BASIS_IDS {
            let t = article_text(id).unwrap();
            assert!(
                !t.contains("**") && !t.contains("<sup>") && !t.contains("]("),
                "{id}"
            );
        }
    }
}
