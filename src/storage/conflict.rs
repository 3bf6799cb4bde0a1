//! Revision logic that stops one tab or window overwriting newer work saved
//! by another. Pure: the storage adapter reads what is stored and asks
//! [`decide`] before every write.
//!
//! Every stored write also stores a fresh random *write token* beside the
//! draft. A page remembers the revision and the token it last loaded or saved
//! (its [`Base`]). A save is allowed only when the stored revision **and**
//! token are still that base (or nothing is stored). The revision alone is
//! not enough: an imported `revision` of `u64::MAX` stays at MAX on every
//! save, and after a delete and re-import the same number can come back with
//! different content. No two writes share a token, so a stale write cannot
//! pass unnoticed.

/// What a page last loaded or saved: the check for a stale write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Base {
    pub revision: u64,
    /// `""` for a draft never stored (and for entries stored before tokens).
    pub token: String,
}

/// What to do with a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveDecision {
    /// Write the draft with this revision (and a fresh token).
    Write { revision: u64 },
    /// Another tab or window has saved since this page loaded; writing would
    /// lose its work. `stored_revision` is what is stored now.
    Conflict { stored_revision: u64 },
}

/// Decides a save. `stored` is the revision and token stored right now,
/// `None` when nothing is stored under the draft's id.
pub fn decide(stored: Option<(u64, &str)>, base: &Base) -> SaveDecision {
    match stored {
        Some((stored_revision, stored_token))
            if stored_revision != base.revision || stored_token != base.token =>
        {
            SaveDecision::Conflict { stored_revision }
        }
        // Revisions never come near u64::MAX by counting; saturating keeps a
        // hand-edited file from wrapping round to 0 (the token still changes).
        _ => SaveDecision::Write {
            revision: base.revision.saturating_add(1),
        },
    }
}

/// The revision to store an imported draft under when it replaces the stored
/// one: above both where it can be. Any tab still holding the stored draft
/// gets a conflict either way, because the import writes a new token.
pub fn import_revision(stored_revision: Option<u64>, imported_revision: u64) -> u64 {
    stored_revision
        .unwrap_or(0)
        .max(imported_revision)
        .saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(revision: u64, token: &str) -> Base {
        Base {
            revision,
            token: token.to_string(),
        }
    }

    #[test]
    fn writes_the_next_revision_when_the_stored_one_is_the_base() {
        assert_eq!(
            decide(Some((7, "t7")), &base(7, "t7")),
            SaveDecision::Write { revision: 8 }
        );
    }

    #[test]
    fn writes_revision_one_past_the_base_when_nothing_is_stored() {
        assert_eq!(
            decide(None, &Base::default()),
            SaveDecision::Write { revision: 1 }
        );
    }

    #[test]
    fn refuses_when_another_tab_saved_a_newer_revision() {
        assert_eq!(
            decide(Some((9, "t9")), &base(7, "t7")),
            SaveDecision::Conflict { stored_revision: 9 }
        );
    }

    #[test]
    fn refuses_when_the_stored_revision_is_older_than_the_base() {
        // An older copy put back (restored or imported) is still not what this page saw.
        assert_eq!(
            decide(Some((3, "t3")), &base(7, "t7")),
            SaveDecision::Conflict { stored_revision: 3 }
        );
    }

    #[test]
    fn refuses_a_stale_write_when_the_revision_is_frozen_at_max() {
        // Both tabs opened revision MAX; the other tab saved (MAX again, new token).
        assert_eq!(
            decide(Some((u64::MAX, "other tab")), &base(u64::MAX, "opened")),
            SaveDecision::Conflict {
                stored_revision: u64::MAX
            }
        );
    }

    #[test]
    fn refuses_the_same_revision_number_with_other_content() {
        // Deleted and re-imported: revision 5 again, but a different write.
        assert_eq!(
            decide(Some((5, "re-imported")), &base(5, "before delete")),
            SaveDecision::Conflict { stored_revision: 5 }
        );
    }

    #[test]
    fn an_import_goes_above_both_revisions() {
        assert_eq!(import_revision(Some(10), 4), 11);
        assert_eq!(import_revision(Some(2), 40), 41);
        assert_eq!(import_revision(None, 0), 1);
    }
}
