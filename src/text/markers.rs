//! Pseudonymisation markers: Judilibre's (`[K]`, `[Adresse 1]`…), DILA's older style
//! (`M. O... IIS...`, `[...]`), the administrative initials (`Mme C... A... B...`) and what
//! reusers use to mask (`[…]`, `***`, `█`, `X...`, `[nom]`).

/// The kind of a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// `[K]`, `[AB]`: a person's name or first name.
    Letter,
    /// `[Adresse 1]`, `[Localité 2]`, `[Date naissance 1]`, `[N° SIREN/SIRET 1]`, `[1]`…
    Labelled,
    /// `[...]`, `[…]`.
    Ellipsis,
    /// `O... IIS...`, `C... A... B...`: initials followed by dots.
    Initials,
    /// `XXX`, `[XXXXXXXX01]`.
    Xs,
    /// `***`, `█`, `[nom]`, `X...`: what reusers use to mask.
    Reuser,
}

/// One marker found in a text; `start..end` are byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub start: usize,
    pub end: usize,
    pub kind: MarkerKind,
}

/// Every pseudonymisation marker in `text`, in order, not overlapping.
pub fn find_markers(text: &str) -> Vec<Marker> {
    let _ = text;
    Vec::new()
}
