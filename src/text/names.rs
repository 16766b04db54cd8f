//! The detector of natural persons' names in clear (MSK004): parties and third parties, told
//! apart from magistrates, clerks, lawyers and other professionals acting as such.

/// How a name was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameContext {
    /// After a civility (`M.`, `Mme`, `Monsieur`…).
    Civility,
    /// In a party position without civility (`X, demeurant…`, `les époux X`, `épouse X`…).
    PartyPosition,
}

/// One name in clear; `start..end` are byte offsets of the name itself (civility excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    pub start: usize,
    pub end: usize,
    pub context: NameContext,
}

/// Names of natural persons who are parties or third parties, shown in clear in `text`.
/// `professionals` are names the source's metadata gives for the president, lawyers and others,
/// which are never parties.
pub fn find_person_names(text: &str, professionals: &[String]) -> Vec<NameHit> {
    let _ = (text, professionals);
    Vec::new()
}

/// Whether the clear span `start..end` (bytes) of a reference text is the name of a natural
/// person who is a party or a third party.
pub fn person_name_at(text: &str, start: usize, end: usize, professionals: &[String]) -> bool {
    let _ = (text, start, end, professionals);
    false
}
