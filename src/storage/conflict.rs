//! Revision logic that stops one tab or window overwriting newer work saved
//! by another. Pure: the storage adapter reads the stored revision and asks
//! [`decide`] before every write.
//!
//! A page remembers `base_revision`, the revision it last loaded or saved. A
//! save is allowed only when the stored revision is still that one (or nothing
//! is stored); the stored revision then becomes `base_revision + 1`.

/// What to do with a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveDecision {
    /// Write the draft with this revision.
    Write { revision: u64 },
    /// Another tab or window has saved since this page loaded; writing would
    /// lose its work. `stored_revision` is what is stored now.
    Conflict { stored_revision: u64 },
}

/// Decides a save. `stored_revision` is the revision stored right now, `None`
/// when nothing is stored under the draft's id.
pub fn decide(stored_revision: Option<u64>, base_revision: u64) -> SaveDecision {
    match stored_revision {
        Some(stored_revision) if stored_revision != base_revision => {
            SaveDecision::Conflict { stored_revision }
        }
        // Revisions never come near u64::MAX by counting; saturating keeps a
        // hand-edited file from wrapping round to 0.
        _ => SaveDecision::Write {
            revision: base_revision.saturating_add(1),
        },
    }
}

/// The revision to store an imported draft under when it replaces the stored
/// one: above both, so any tab still holding the stored draft gets a conflict
/// instead of overwriting the import.
pub fn import_revision(stored_revision: Option<u64>, imported_revision: u64) -> u64 {
    stored_revision
        .unwrap_or(0)
        .max(imported_revision)
        .saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_next_revision_when_the_stored_one_is_the_base() {
        assert_eq!(decide(Some(7), 7), SaveDecision::Write { revision: 8 });
    }

    #[test]
    fn writes_revision_one_past_the_base_when_nothing_is_stored() {
        assert_eq!(decide(None, 0), SaveDecision::Write { revision: 1 });
    }

    #[test]
    fn refuses_when_another_tab_saved_a_newer_revision() {
        assert_eq!(
            decide(Some(9), 7),
            SaveDecision::Conflict { stored_revision: 9 }
        );
    }

    #[test]
    fn refuses_when_the_stored_revision_is_older_than_the_base() {
        // An older copy put back (restored or imported) is still not what this page saw.
        assert_eq!(
            decide(Some(3), 7),
            SaveDecision::Conflict { stored_revision: 3 }
        );
    }

    #[test]
    fn an_import_goes_above_both_revisions() {
        assert_eq!(import_revision(Some(10), 4), 11);
        assert_eq!(import_revision(Some(2), 40), 41);
        assert_eq!(import_revision(None, 0), 1);
    }
}
