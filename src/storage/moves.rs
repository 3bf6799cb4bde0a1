//! Moves: the store operations that touch more than one entry (delete,
//! restore, Replace on import, emptying Recently deleted, removing expired
//! copies) made one unit, whatever holds the entries. All of a move's
//! writes land, or none do.
//!
//! - **A write fails** (storage full, the browser refuses): the steps
//!   already made are undone, newest first, from the text each key held
//!   before, and the caller is told. Undoing frees or reuses the room the
//!   step took, so it does not run out of room itself.
//! - **The work stops** (the tab closes, the browser crashes): before its
//!   first step a move writes its *journal* under [`JOURNAL_KEY`], and
//!   removes it after its last. A journal found when the store next opens
//!   is finished: every step is written so that doing it again is
//!   harmless ([`recover`]), so the entries end as the move meant.
//!
//! Steps name stored text, never plain values: with a passphrase set the
//! locked store seals every [`Step::Put`] and the journal before the move
//! runs (`sealed.rs`), and the journal is found and finished at unlock.
//!
//! Nothing here knows where entries live: [`Entries`] is localStorage,
//! memory, or a test's store that fails where it is told.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::backend::BackendError;

/// Where a move's journal is kept while it runs.
pub const JOURNAL_KEY: &str = "caf.move";

/// One write of a move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Copies the text stored under `from` to `to`, a key that holds
    /// nothing: so once `to` holds something, the copy has been made.
    Copy { from: String, to: String },
    /// Stores `text` under `key`.
    Put {
        key: String,
        text: String,
        /// When set, made only while `key` holds the same text as this key
        /// (a copy made of it earlier in the move): finishing the move
        /// after a crash keeps a newer save to `key` made since.
        unless_changed: Option<String>,
    },
    /// Removes `key` (with `unless_changed` as for `Put`).
    Remove {
        key: String,
        unless_changed: Option<String>,
    },
}

impl Step {
    /// The key this step writes or removes.
    pub fn target(&self) -> &str {
        match self {
            Step::Copy { to, .. } => to,
            Step::Put { key, .. } | Step::Remove { key, .. } => key,
        }
    }
}

/// Several writes that land together, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Move {
    pub steps: Vec<Step>,
}

impl Move {
    /// The journal's text (before sealing, when the drafts are locked):
    /// `{"caf_move":1,"steps":[…]}`, each step `{"step":"copy"|"put"|"remove",…}`.
    /// Written and read through `serde_json::Value`, which the page already
    /// holds, rather than derived code of its own.
    pub fn journal(&self) -> String {
        let steps: Vec<Value> = self
            .steps
            .iter()
            .map(|step| {
                let (mut value, unless_changed) = match step {
                    Step::Copy { from, to } => {
                        (json!({"step": "copy", "from": from, "to": to}), &None)
                    }
                    Step::Put {
                        key,
                        text,
                        unless_changed,
                    } => (
                        json!({"step": "put", "key": key, "text": text}),
                        unless_changed,
                    ),
                    Step::Remove {
                        key,
                        unless_changed,
                    } => (json!({"step": "remove", "key": key}), unless_changed),
                };
                if let Some(copy) = unless_changed {
                    value["unless_changed"] = Value::from(copy.as_str());
                }
                value
            })
            .collect();
        json!({"caf_move": 1, "steps": steps}).to_string()
    }

    /// Every key the move reads or writes.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub fn keys(&self) -> Vec<&str> {
        let mut keys = std::collections::BTreeSet::new();
        for step in &self.steps {
            if let Step::Copy { from, .. } = step {
                keys.insert(from.as_str());
            }
            keys.insert(step.target());
        }
        keys.into_iter().collect()
    }
}

/// What holds the entries: stored text in, stored text out.
pub trait Entries {
    fn read(&self, key: &str) -> Result<Option<String>, BackendError>;
    fn write(&self, key: &str, text: &str) -> Result<(), BackendError>;
    fn erase(&self, key: &str) -> Result<(), BackendError>;
}

/// The locked store's plain text while unlocked (and a test's store).
impl Entries for std::cell::RefCell<BTreeMap<String, String>> {
    fn read(&self, key: &str) -> Result<Option<String>, BackendError> {
        Ok(self.borrow().get(key).cloned())
    }
    fn write(&self, key: &str, text: &str) -> Result<(), BackendError> {
        self.borrow_mut().insert(key.to_owned(), text.to_owned());
        Ok(())
    }
    fn erase(&self, key: &str) -> Result<(), BackendError> {
        self.borrow_mut().remove(key);
        Ok(())
    }
}

/// Why a move was not made.
fn gone(key: &str) -> BackendError {
    BackendError::Gone(key.to_owned())
}

/// Runs `mv`. `journal` is its [`Move::journal`] and `empty` an empty
/// move's, each sealed or not as the entries are. The entries a move copies
/// or removes must be there (another tab, or a second click, may have moved
/// them since the move was planned). `journal` is written first; on `Err`
/// every entry holds what it held before, and the journal is removed or
/// emptied, so nothing the user was told failed is finished later; if the
/// undo itself failed, the journal stays and the next open finishes the
/// move.
///
/// A move that only removes entries (emptying Recently deleted, removing
/// expired copies) is still made when its journal does not fit: on a full
/// disk removing is the way to make room, and a stop part-way leaves some of
/// the copies the user asked to remove, never loses anything else.
pub fn run(
    entries: &impl Entries,
    mv: &Move,
    journal: &str,
    empty: &str,
) -> Result<(), BackendError> {
    for step in &mv.steps {
        let needed = match step {
            Step::Copy { from, .. } => Some(from),
            Step::Remove { key, .. } => Some(key),
            Step::Put { .. } => None,
        };
        if let Some(key) = needed {
            if entries.read(key)?.is_none() {
                return Err(gone(key));
            }
        }
    }
    let mut before: BTreeMap<&str, Option<String>> = BTreeMap::new();
    for step in &mv.steps {
        let target = step.target();
        if !before.contains_key(target) {
            before.insert(target, entries.read(target)?);
        }
    }
    let only_removes = mv
        .steps
        .iter()
        .all(|step| matches!(step, Step::Remove { .. }));
    let journalled = match entries.write(JOURNAL_KEY, journal) {
        Ok(()) => true,
        Err(BackendError::Quota) if only_removes => false,
        Err(err) => return Err(err),
    };
    for (n_done, step) in mv.steps.iter().enumerate() {
        if let Err(err) = apply(entries, step) {
            let undone = mv.steps[..n_done].iter().rev().all(|step| {
                let target = step.target();
                match before.get(target).cloned().flatten() {
                    Some(text) => entries.write(target, &text).is_ok(),
                    None => entries.erase(target).is_ok(),
                }
            });
            if undone && journalled && entries.erase(JOURNAL_KEY).is_err() {
                // Its removal refused: emptied instead, so the next open
                // does not finish what the user was told did not happen.
                let _ = entries.write(JOURNAL_KEY, empty);
            }
            return Err(err);
        }
    }
    if journalled {
        // The move is complete; a journal left behind redoes nothing.
        let _ = entries.erase(JOURNAL_KEY);
    }
    Ok(())
}

/// One step, made so that making it again changes nothing.
fn apply(entries: &impl Entries, step: &Step) -> Result<(), BackendError> {
    let unchanged = |key: &str, copy: &Option<String>| -> Result<bool, BackendError> {
        Ok(match copy {
            Some(copy) => entries.read(key)? == entries.read(copy)?,
            None => true,
        })
    };
    match step {
        Step::Copy { from, to } => {
            if entries.read(to)?.is_some() {
                return Ok(());
            }
            match entries.read(from)? {
                Some(text) => entries.write(to, &text),
                // Moved already by a later step of the same move.
                None => Ok(()),
            }
        }
        Step::Put {
            key,
            text,
            unless_changed,
        } => {
            if unchanged(key, unless_changed)? {
                entries.write(key, text)?;
            }
            Ok(())
        }
        Step::Remove {
            key,
            unless_changed,
        } => {
            if unchanged(key, unless_changed)? {
                entries.erase(key)?;
            }
            Ok(())
        }
    }
}

/// Whether `text` is a journal this version can finish.
pub fn read_journal(text: &str) -> Option<Move> {
    let journal: Value = serde_json::from_str(text).ok()?;
    if journal.get("caf_move").and_then(Value::as_u64) != Some(1) {
        return None;
    }
    let text_of =
        |step: &Value, name: &str| step.get(name).and_then(Value::as_str).map(str::to_owned);
    let steps = journal.get("steps")?.as_array()?;
    let steps = steps
        .iter()
        .map(|step| {
            let unless_changed = text_of(step, "unless_changed");
            Some(match step.get("step")?.as_str()? {
                "copy" => Step::Copy {
                    from: text_of(step, "from")?,
                    to: text_of(step, "to")?,
                },
                "put" => Step::Put {
                    key: text_of(step, "key")?,
                    text: text_of(step, "text")?,
                    unless_changed,
                },
                "remove" => Step::Remove {
                    key: text_of(step, "key")?,
                    unless_changed,
                },
                _ => return None,
            })
        })
        .collect::<Option<Vec<Step>>>()?;
    Some(Move { steps })
}

/// Finishes a move that stopped part-way, from its journal's (opened)
/// text, and removes the journal. `Ok(false)` when there was nothing to
/// finish or the journal is not one this version reads (it is then kept as
/// it is). On `Err` the journal stays for the next open.
pub fn recover(entries: &impl Entries, journal: &str) -> Result<bool, BackendError> {
    let Some(mv) = read_journal(journal) else {
        return Ok(false);
    };
    for step in &mv.steps {
        apply(entries, step)?;
    }
    entries.erase(JOURNAL_KEY)?;
    Ok(true)
}

#[cfg(test)]
pub(super) mod tests {
    use std::cell::{Cell, RefCell};

    use super::*;

    /// A store that fails the `fail_at`-th write (counting from 0; writes
    /// and removals both count), or stops dead at `stop_at`: that write and
    /// every later one are lost, as when the tab closes.
    #[derive(Default)]
    pub struct Faulty {
        pub entries: RefCell<BTreeMap<String, String>>,
        pub fail_at: Option<usize>,
        pub stop_at: Option<usize>,
        pub writes: Cell<usize>,
    }

    impl Faulty {
        pub fn with(entries: &BTreeMap<String, String>) -> Faulty {
            Faulty {
                entries: RefCell::new(entries.clone()),
                ..Faulty::default()
            }
        }

        fn count(&self) -> Result<(), BackendError> {
            let n = self.writes.get();
            self.writes.set(n + 1);
            if self.fail_at == Some(n) || self.stop_at.is_some_and(|stop| n >= stop) {
                return Err(BackendError::Quota);
            }
            Ok(())
        }

        pub fn snapshot(&self) -> BTreeMap<String, String> {
            self.entries.borrow().clone()
        }
    }

    impl Entries for Faulty {
        fn read(&self, key: &str) -> Result<Option<String>, BackendError> {
            Ok(self.entries.borrow().get(key).cloned())
        }
        fn write(&self, key: &str, text: &str) -> Result<(), BackendError> {
            self.count()?;
            self.entries
                .borrow_mut()
                .insert(key.to_owned(), text.to_owned());
            Ok(())
        }
        fn erase(&self, key: &str) -> Result<(), BackendError> {
            self.count()?;
            self.entries.borrow_mut().remove(key);
            Ok(())
        }
    }

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    type Stored = BTreeMap<String, String>;

    /// Each move with the entries before it and after it.
    fn moves() -> Vec<(Stored, Move, Stored)> {
        let copy = |from: &str, to: &str| Step::Copy {
            from: from.to_owned(),
            to: to.to_owned(),
        };
        let put = |key: &str, text: &str| Step::Put {
            key: key.to_owned(),
            text: text.to_owned(),
            unless_changed: None,
        };
        let remove = |key: &str| Step::Remove {
            key: key.to_owned(),
            unless_changed: None,
        };
        vec![
            // Delete.
            (
                map(&[("d.a", "A"), ("d.b", "B")]),
                Move {
                    steps: vec![copy("d.a", "x.a"), remove("d.a")],
                },
                map(&[("x.a", "A"), ("d.b", "B")]),
            ),
            // Replace: the stored copy aside, the file's text in its place.
            (
                map(&[("d.a", "A")]),
                Move {
                    steps: vec![copy("d.a", "x.a"), put("d.a", "A2")],
                },
                map(&[("x.a", "A"), ("d.a", "A2")]),
            ),
            // Restore as a copy, and empty three.
            (
                map(&[("x.a", "A"), ("x.b", "B"), ("x.c", "C"), ("d.a", "N")]),
                Move {
                    steps: vec![
                        put("d.n", "A as copy"),
                        remove("x.a"),
                        remove("x.b"),
                        remove("x.c"),
                    ],
                },
                map(&[("d.a", "N"), ("d.n", "A as copy")]),
            ),
        ]
    }

    #[test]
    fn a_write_failing_at_any_position_leaves_every_entry_as_before() {
        for (before, mv, after) in moves() {
            let n_writes = mv.steps.len() + 2;
            for fail_at in 0..n_writes {
                let store = Faulty {
                    fail_at: Some(fail_at),
                    ..Faulty::with(&before)
                };
                let result = run(&store, &mv, &mv.journal(), &Move::default().journal());
                // The last write is the journal's removal: the move is whole.
                if fail_at == n_writes - 1 {
                    assert!(result.is_ok());
                    let mut expected = after.clone();
                    expected.insert(JOURNAL_KEY.to_owned(), mv.journal());
                    assert_eq!(store.snapshot(), expected, "{mv:?} failing at {fail_at}");
                } else {
                    assert!(result.is_err(), "{mv:?} failing at {fail_at}");
                    assert_eq!(store.snapshot(), before, "{mv:?} failing at {fail_at}");
                }
            }
        }
    }

    #[test]
    fn work_stopping_at_any_position_ends_as_before_or_complete_once_recovered() {
        for (before, mv, after) in moves() {
            for stop_at in 0..mv.steps.len() + 3 {
                let store = Faulty {
                    stop_at: Some(stop_at),
                    ..Faulty::with(&before)
                };
                let _ = run(&store, &mv, &mv.journal(), &Move::default().journal());
                // The next open, on a store that works again.
                let reopened = Faulty::with(&store.snapshot());
                if let Some(journal) = reopened.read(JOURNAL_KEY).ok().flatten() {
                    assert_eq!(recover(&reopened, &journal), Ok(true));
                }
                let found = reopened.snapshot();
                assert!(
                    found == before || found == after,
                    "{mv:?} stopping at {stop_at}: {found:?}"
                );
                // Finishing twice changes nothing.
                assert_eq!(recover(&reopened, &mv.journal()), Ok(true));
                assert!(reopened.snapshot() == found || found == before);
            }
        }
    }

    #[test]
    fn only_a_journal_is_finished() {
        let store = Faulty::with(&map(&[(JOURNAL_KEY, "not a journal")]));
        assert_eq!(recover(&store, "not a journal"), Ok(false));
        assert_eq!(store.snapshot(), map(&[(JOURNAL_KEY, "not a journal")]));
        assert_eq!(read_journal(r#"{"caf_move":2,"steps":[]}"#), None);
    }
}

#[cfg(test)]
mod conditions {
    use std::cell::RefCell;

    use super::*;

    fn store(pairs: &[(&str, &str)]) -> RefCell<BTreeMap<String, String>> {
        RefCell::new(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    fn delete() -> Move {
        Move {
            steps: vec![
                Step::Copy {
                    from: "d.a".to_owned(),
                    to: "x.a".to_owned(),
                },
                Step::Remove {
                    key: "d.a".to_owned(),
                    unless_changed: Some("x.a".to_owned()),
                },
            ],
        }
    }

    #[test]
    fn finishing_a_delete_after_a_crash_keeps_a_newer_save_made_since() {
        // Copied, then the tab closed; another tab saved d.a again.
        let entries = store(&[("d.a", "A2"), ("x.a", "A"), (JOURNAL_KEY, "")]);
        assert_eq!(recover(&entries, &delete().journal()), Ok(true));
        assert_eq!(entries.read("d.a"), Ok(Some("A2".to_owned())));
        assert_eq!(entries.read("x.a"), Ok(Some("A".to_owned())));
    }

    #[test]
    fn a_move_whose_entries_went_meanwhile_is_refused_whole() {
        let entries = store(&[("x.b", "B")]);
        assert_eq!(
            run(&entries, &delete(), &delete().journal(), ""),
            Err(BackendError::Gone("d.a".to_owned()))
        );
        assert_eq!(entries.borrow().len(), 1);
    }

    #[test]
    fn removals_are_made_when_even_the_journal_does_not_fit() {
        let full = Faulty {
            fail_at: Some(0),
            ..Faulty::with(
                &[("x.a", "A"), ("x.b", "B")]
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .into(),
            )
        };
        let mv = Move {
            steps: ["x.a", "x.b"]
                .map(|key| Step::Remove {
                    key: key.to_owned(),
                    unless_changed: None,
                })
                .to_vec(),
        };
        assert_eq!(run(&full, &mv, &mv.journal(), ""), Ok(()));
        assert!(full.snapshot().is_empty());
    }

    #[test]
    fn a_failed_move_whose_journal_cannot_be_removed_leaves_an_empty_one() {
        // Fails at the copy (write 1), and at the journal's removal (write 3).
        struct TwoFaults(Faulty);
        impl Entries for TwoFaults {
            fn read(&self, key: &str) -> Result<Option<String>, BackendError> {
                self.0.read(key)
            }
            fn write(&self, key: &str, text: &str) -> Result<(), BackendError> {
                self.0.write(key, text)
            }
            fn erase(&self, key: &str) -> Result<(), BackendError> {
                if key == JOURNAL_KEY {
                    return Err(BackendError::Quota);
                }
                self.0.erase(key)
            }
        }
        let entries = TwoFaults(Faulty {
            fail_at: Some(1),
            ..Faulty::with(
                &[("d.a", "A")]
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .into(),
            )
        });
        let empty = Move::default().journal();
        assert!(run(&entries, &delete(), &delete().journal(), &empty).is_err());
        let left = entries.0.snapshot();
        assert_eq!(left.get("d.a").map(String::as_str), Some("A"));
        assert_eq!(left.get(JOURNAL_KEY), Some(&empty));
        // The next open finishes nothing.
        assert_eq!(recover(&entries.0, &empty), Ok(true));
        assert_eq!(
            entries.0.snapshot().get("d.a").map(String::as_str),
            Some("A")
        );
    }

    use super::tests::Faulty;
}
