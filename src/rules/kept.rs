//! The reference texts a worker keeps between records, normalised and ready to compare.
//!
//! Comparing a record's text with its reference reads the reference text again, normalises it
//! with its map, and tokenises what the texts do not share. When several records cite one
//! decision (extracts of it, or a corpus whose records cite a small reference again and again),
//! that work is done once and kept. Most decisions are compared once, by the record that
//! republishes them, and keeping those would only hold memory. So a text compared once is kept
//! only until the next one (records citing one decision often come one after another); a text
//! compared again, then or later, is kept among the texts used more than once, within a budget
//! of bytes, the least recently used leaving first. This is the 2Q policy of caches: the keys of
//! the texts that left unused are remembered, so that a second use tells a text worth keeping.

use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

/// What a kept value holds on the heap, counted against the budget.
pub trait Weigh {
    fn heap_bytes(&self) -> usize;
}

/// A decision: the generation of its reference set ([`crate::source::ReferenceSet::generation`])
/// and its index there.
pub type Key = (u64, usize);

/// How many keys of texts that left unused are remembered.
const GHOSTS: usize = 4096;

/// The texts kept by one worker.
pub struct Kept<V> {
    /// The last text compared once (or too heavy to keep among those used again).
    once: Option<(Key, Rc<V>)>,
    /// The keys of the last texts that left `once` without a second use, oldest first.
    ghosts: VecDeque<Key>,
    ghost_set: HashSet<Key>,
    /// The texts compared more than once.
    again: HashMap<Key, Entry<V>>,
    /// What the texts of `again` weighed when last weighed.
    total: usize,
    /// Counts the look-ups: when a text was last used.
    clock: u64,
    /// The most bytes the texts of `again` may hold.
    budget: usize,
}

/// A text kept among those used again.
struct Entry<V> {
    value: Rc<V>,
    /// When it was last used.
    used: u64,
    /// Its bytes when last weighed.
    bytes: usize,
}

impl<V: Weigh> Kept<V> {
    /// Keeps texts compared more than once within `budget` bytes.
    pub fn new(budget: usize) -> Self {
        Kept {
            once: None,
            ghosts: VecDeque::new(),
            ghost_set: HashSet::new(),
            again: HashMap::new(),
            total: 0,
            clock: 0,
            budget,
        }
    }

    /// The text of decision `key`, if it is kept. A text kept since its first use is used a
    /// second time: it is kept among those used again (or stays where it is, when it weighs
    /// more than they may).
    pub fn get(&mut self, key: Key) -> Option<Rc<V>> {
        self.clock += 1;
        if let Some(e) = self.again.get_mut(&key) {
            e.used = self.clock;
            return Some(e.value.clone());
        }
        if self.once.as_ref().is_some_and(|(k, _)| *k == key) {
            let (_, v) = self.once.take()?;
            if let Err(v) = self.keep_again(key, v.clone()) {
                self.once = Some((key, v));
            }
            return Some(v);
        }
        None
    }

    /// Keeps `v`, the text of decision `key`, just compared and not kept: among the texts used
    /// again if it was compared before (and weighs no more than they may), in place of the last
    /// text compared once otherwise.
    pub fn insert(&mut self, key: Key, v: Rc<V>) {
        let v = if self.ghost_set.contains(&key) {
            match self.keep_again(key, v) {
                Ok(()) => return,
                Err(v) => v,
            }
        } else {
            v
        };
        if let Some((left, _)) = self.once.replace((key, v))
            && left != key
        {
            self.remember(left);
        }
    }

    /// Weighs decision `key`'s text again, after a use that may have made it grow (its tokens
    /// or its personal data found), and lets texts go to keep within the budget.
    pub fn reweigh(&mut self, key: Key) {
        let Some(e) = self.again.get_mut(&key) else {
            return;
        };
        let bytes = e.value.heap_bytes();
        self.total = self.total - e.bytes + bytes;
        e.bytes = bytes;
        if bytes > self.budget {
            // Grown past what may be kept here: kept as the last text compared once.
            if let Some(e) = self.again.remove(&key) {
                self.total -= e.bytes;
                if let Some((left, _)) = self.once.replace((key, e.value)) {
                    self.remember(left);
                }
            }
        }
        self.within_budget(key);
    }

    /// Whether decision `key`'s text is kept.
    pub fn holds(&self, key: Key) -> bool {
        self.again.contains_key(&key) || self.once.as_ref().is_some_and(|(k, _)| *k == key)
    }

    /// The bytes the texts kept hold: those used again as last weighed, and the last compared
    /// once.
    pub fn bytes(&self) -> usize {
        self.total + self.once.as_ref().map_or(0, |(_, v)| v.heap_bytes())
    }

    fn remember(&mut self, key: Key) {
        if self.ghost_set.insert(key) {
            self.ghosts.push_back(key);
            if self.ghosts.len() > GHOSTS
                && let Some(old) = self.ghosts.pop_front()
            {
                self.ghost_set.remove(&old);
            }
        }
    }

    /// Keeps `v` among the texts used again, then lets the least recently used others go until
    /// they hold no more than the budget; or gives `v` back when it alone weighs more.
    fn keep_again(&mut self, key: Key, v: Rc<V>) -> Result<(), Rc<V>> {
        let bytes = v.heap_bytes();
        if bytes > self.budget {
            return Err(v);
        }
        let entry = Entry {
            value: v,
            used: self.clock,
            bytes,
        };
        if let Some(old) = self.again.insert(key, entry) {
            self.total -= old.bytes;
        }
        self.total += bytes;
        self.within_budget(key);
        Ok(())
    }

    /// Lets the least recently used texts but `key`'s go until those left hold no more than the
    /// budget.
    fn within_budget(&mut self, key: Key) {
        while self.total > self.budget {
            let Some(oldest) = self
                .again
                .iter()
                .filter(|(k, _)| **k != key)
                .min_by_key(|(k, e)| (e.used, **k))
                .map(|(k, _)| *k)
            else {
                break;
            };
            if let Some(e) = self.again.remove(&oldest) {
                self.total -= e.bytes;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A text of so many bytes, that may grow.
    struct Text(Cell<usize>);

    impl Weigh for Text {
        fn heap_bytes(&self) -> usize {
            self.0.get()
        }
    }

    fn text(bytes: usize) -> Rc<Text> {
        Rc::new(Text(Cell::new(bytes)))
    }

    fn key(i: usize) -> Key {
        (7, i)
    }

    #[test]
    fn records_citing_one_decision_in_a_row_find_it_kept() {
        let mut kept = Kept::new(1000);
        assert!(kept.get(key(1)).is_none());
        let t = text(100);
        kept.insert(key(1), t.clone());
        assert!(Rc::ptr_eq(&kept.get(key(1)).unwrap(), &t));
        assert!(Rc::ptr_eq(&kept.get(key(1)).unwrap(), &t));
        // Another set's decision at the same index is another decision.
        assert!(kept.get((8, 1)).is_none());
    }

    #[test]
    fn texts_compared_once_are_not_kept_beyond_the_last() {
        let mut kept = Kept::new(1000);
        for i in 0..100 {
            assert!(kept.get(key(i)).is_none());
            kept.insert(key(i), text(100));
        }
        assert!(kept.holds(key(99)));
        assert!(!kept.holds(key(98)));
        assert_eq!(kept.bytes(), 100);
    }

    #[test]
    fn a_text_compared_again_later_is_kept_from_then_on() {
        let mut kept = Kept::new(1000);
        // Records citing decisions 0, 1 and 2 in turn.
        for i in 0..3 {
            assert!(kept.get(key(i)).is_none());
            kept.insert(key(i), text(100));
        }
        // The second round reads them again (but the last, still kept), and keeps them.
        for i in 0..2 {
            assert!(kept.get(key(i)).is_none());
            kept.insert(key(i), text(100));
        }
        assert!(kept.get(key(2)).is_some());
        // From the third round on, each is found.
        for i in 0..3 {
            assert!(kept.get(key(i)).is_some(), "{i}");
        }
        assert_eq!(kept.bytes(), 300);
    }

    #[test]
    fn the_least_recently_used_leave_to_keep_within_the_budget() {
        let mut kept = Kept::new(250);
        for i in 0..3 {
            kept.insert(key(i), text(100));
            kept.insert(key(100 + i), text(1)); // Sends key(i) out, remembered.
        }
        // Used again: kept, the oldest leaving when a third would pass the budget.
        kept.insert(key(0), text(100));
        kept.insert(key(1), text(100));
        assert!(kept.get(key(0)).is_some()); // Now more recently used than key(1).
        kept.insert(key(2), text(100));
        assert!(kept.holds(key(0)) && kept.holds(key(2)));
        assert!(!kept.holds(key(1)));
        assert_eq!(kept.bytes(), 201);
        // A text that grew is weighed again after its use: 200 and 100 pass the budget, and
        // the other leaves.
        let grown = kept.get(key(0)).unwrap();
        grown.0.set(200);
        kept.reweigh(key(0));
        assert!(kept.holds(key(0)) && !kept.holds(key(2)));
        assert_eq!(kept.bytes(), 201);
        // Kept again, key(1) sends out key(0), the one other text kept.
        kept.insert(key(1), text(100));
        assert!(kept.holds(key(1)) && !kept.holds(key(0)));
        assert_eq!(kept.bytes(), 101);
        // A text over the whole budget is kept only as the last text compared once, used
        // again as long as no other takes its place.
        kept.insert(key(200), text(10));
        kept.insert(key(201), text(10));
        kept.insert(key(200), text(1000));
        assert!(kept.holds(key(200)) && !kept.holds(key(201)));
        assert!(kept.get(key(200)).is_some());
        assert!(kept.get(key(200)).is_some());
        assert_eq!(kept.bytes(), 1100);
        // So is a text grown past it.
        kept.get(key(1)).unwrap().0.set(300);
        kept.reweigh(key(1));
        assert!(kept.holds(key(1)) && !kept.holds(key(200)));
        assert_eq!(kept.bytes(), 300);
    }
}
