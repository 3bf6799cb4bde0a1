//! The open draft's state, shared by every step page through one context.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::domain::{
    settle_withdrawal, withdrawal_to_remember, write_in_remembered, Data, Date, Draft,
    RememberedWithdrawal, Settings,
};
use crate::form::caf::{apply_defaults, order_key};
use crate::form::Step;
use crate::storage::DraftStore;
use crate::ui::app::AppState;
use crate::ui::platform;
pub use crate::validate::StepStatus;
use crate::validate::{self, consent_status, step_status, ConsentStatus, Issue, Report, Severity};

/// Which page of the open draft is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    TaskList,
    Step(Step),
    /// The family handout as a printable page.
    Handout,
    /// The meetings of the Team Around the Child (caf-form.md §3.13).
    Meetings,
    /// The invitation to meeting `meeting` for its invitee `invitee`, as a
    /// printable page.
    Invitation {
        meeting: usize,
        invitee: usize,
    },
}

impl Page {
    /// What the page is called in the window's title.
    pub fn title(self) -> &'static str {
        match self {
            Page::TaskList => "Task list",
            Page::Step(step) => step.title(),
            Page::Handout => "Family handout",
            Page::Meetings => "Meetings",
            Page::Invitation { .. } => "Invitation",
        }
    }
}

/// The window's title for a page called `name`: "Error: " first while the
/// page shows errors, as GOV.UK does, so screen readers hear it at once.
pub fn window_title(name: &str, has_errors: bool) -> String {
    let prefix = if has_errors { "Error: " } else { "" };
    format!("{prefix}{name} – CAF Lite")
}

/// The open draft: its answers, the derived report and where the user is.
#[derive(Clone, Copy)]
pub struct FormState {
    pub draft: RwSignal<Draft>,
    /// Every issue of the whole draft, recomputed when an answer changes.
    pub report: Memo<Report>,
    /// Steps whose errors are shown: Continue was pressed, or the user left
    /// the step after typing in it.
    pub attempted: RwSignal<BTreeSet<Step>>,
    pub page: RwSignal<Page>,
    /// Whether the error summary shows (after a failed Continue).
    pub summary_shown: RwSignal<bool>,
    /// A control to focus once the next page has rendered (a Change link).
    pub pending_focus: RwSignal<Option<String>>,
    /// Continue was pressed on the consent step with the agreement filled in
    /// but not recorded: the reminder beside "Record agreement" shows.
    pub consent_reminder: RwSignal<bool>,
    /// The step opened by a Change link on Check answers: its Continue goes
    /// back there (GOV.UK check answers pattern).
    pub return_to_check: RwSignal<Option<Step>>,
    /// The one list item shown open, as its path (`plan.team[1]`); every
    /// other item shows as a one-line summary (GOV.UK "add another").
    pub open_item: RwSignal<Option<String>>,
    pub today: Date,
    /// The council's local settings (defaults when none are deployed).
    pub settings: Signal<Settings>,
    /// The withdrawals this device remembers for this CAF (caf-form.md
    /// §3.10): every status shown for it takes them into account.
    pub remembered: RwSignal<Vec<RememberedWithdrawal>>,
    /// Whether a remembered withdrawal was written into the draft as it
    /// opened: the draft view then saves it at once.
    pub wrote_in_withdrawal: bool,
    /// The app's store, where withdrawals are remembered (`None` outside
    /// the app, in tests).
    store: Option<StoredValue<DraftStore, LocalStorage>>,
    app: Option<AppState>,
}

impl FormState {
    /// Creates the state for `draft` and provides it as context.
    pub fn provide(mut draft: Draft, today: Date, settings: Signal<Settings>) -> FormState {
        let app = use_context::<AppState>();
        let store = app.map(|app| app.store);
        let remembered = store
            .map(|store| store.with_value(|store| store.remembered_withdrawals(&draft.id)))
            .unwrap_or_default();
        // An older copy of an agreement this device saw withdrawn: the
        // withdrawal is written into it, so that its exports carry it.
        let wrote_in_withdrawal = write_in_remembered(&mut draft.data, &remembered);
        // A draft stored or imported with both a record and a withdrawal
        // date: the withdrawal ends the record before anything can edit it.
        settle_withdrawal(&mut draft.data);
        let draft = RwSignal::new(draft);
        let report = Memo::new(move |_| {
            settings.with(|settings| {
                draft.with(|draft| validate::check(&draft.data, today, settings).report)
            })
        });
        let state = FormState {
            draft,
            report,
            attempted: RwSignal::new(BTreeSet::new()),
            page: RwSignal::new(Page::TaskList),
            summary_shown: RwSignal::new(false),
            pending_focus: RwSignal::new(None),
            consent_reminder: RwSignal::new(false),
            return_to_check: RwSignal::new(None),
            open_item: RwSignal::new(None),
            today,
            settings,
            remembered: RwSignal::new(remembered),
            wrote_in_withdrawal,
            store,
            app,
        };
        state.remember_withdrawal();
        provide_context(state);
        state
    }

    /// Changes the answers.
    pub fn update(&self, change: impl FnOnce(&mut Data)) {
        self.draft.update(|draft| {
            change(&mut draft.data);
            apply_defaults(&mut draft.data);
            settle_withdrawal(&mut draft.data);
        });
        self.remember_withdrawal();
    }

    /// The consent status of the draft as it stands, with the withdrawals
    /// this device remembers for it: the one call every page makes.
    pub fn consent_status(&self) -> ConsentStatus {
        self.report.with(|report| {
            self.remembered.with(|remembered| {
                self.draft
                    .with(|d| consent_status(&d.data, report, remembered))
            })
        })
    }

    /// A withdrawal that ended the agreement in this draft is remembered by
    /// the device (`caf.withdrawn.<id>`), so that no older copy brought
    /// back is RECORDED. Writes only when there is something new.
    fn remember_withdrawal(&self) {
        let Some((on, ended)) = self
            .draft
            .with_untracked(|d| withdrawal_to_remember(&d.data))
        else {
            return;
        };
        let mut known = self.remembered.get_untracked();
        let now = platform::now_rfc3339();
        if !crate::domain::remember(&mut known, on, &ended, &now) {
            return;
        }
        let Some(store) = self.store else {
            self.remembered.set(known);
            return;
        };
        let id = self.draft.with_untracked(|d| d.id.clone());
        match store.with_value(|store| store.remember_withdrawal(&id, on, &ended, &now)) {
            Ok(remembered) => self.remembered.set(remembered),
            Err(err) => {
                self.remembered.set(known);
                if let Some(app) = self.app {
                    app.say(
                        format!(
                            "This device could not note the withdrawal beside the draft: {err}"
                        ),
                        true,
                    );
                }
            }
        }
    }

    /// The issues of one step, errors and warnings, in form order.
    pub fn step_issues(&self, step: Step) -> Vec<Issue> {
        let mut issues: Vec<Issue> = self.report.with(|report| {
            report
                .issues()
                .iter()
                .filter(|issue| Step::of_path(&issue.path) == Some(step))
                .cloned()
                .collect()
        });
        issues.sort_by_cached_key(|issue| order_key(&issue.path));
        issues
    }

    /// The message to show beside the control for `path`, once its step has
    /// been attempted; errors before warnings.
    pub fn message(&self, path: String) -> Signal<Option<(Severity, String)>> {
        let state = *self;
        Signal::derive(move || {
            // A meeting's questions (no step): what is typed wrong, at once.
            if let Some(idx) = meeting_index(&path) {
                return state.settings.with(|settings| {
                    state.draft.with(|d| {
                        validate::check_meeting(&d.data, idx, state.today, settings)
                            .issues()
                            .iter()
                            .find(|issue| issue.path == path)
                            .map(|issue| (issue.severity, issue.message.clone()))
                    })
                });
            }
            let step = Step::of_path(&path)?;
            if !state.attempted.with(|attempted| attempted.contains(&step)) {
                return None;
            }
            state.report.with(|report| {
                let mut found: Vec<&Issue> = report
                    .issues()
                    .iter()
                    .filter(|issue| issue.path == path)
                    .collect();
                found.sort_by_key(|issue| issue.severity != Severity::Error);
                found
                    .first()
                    .map(|issue| (issue.severity, issue.message.clone()))
            })
        })
    }

    /// The task-list status of a step.
    pub fn status(&self, step: Step) -> StepStatus {
        let attempted = self.attempted.with(|attempted| attempted.contains(&step));
        self.report.with(|report| {
            self.remembered.with(|remembered| {
                self.draft
                    .with(|draft| step_status(step, &draft.data, report, remembered, attempted))
            })
        })
    }

    /// Whether leaving the consent step should first remind the user that
    /// the agreement is filled in but not recorded (or out of date).
    pub fn agreement_left_unrecorded(&self) -> bool {
        matches!(
            self.status(Step::Consent),
            StepStatus::AgreementNotRecorded | StepStatus::AgreementOutOfDate
        )
    }

    /// Marks a step attempted, so its errors show.
    pub fn attempt(&self, step: Step) {
        self.attempted.update(|attempted| {
            attempted.insert(step);
        });
    }

    /// Whether any error lies inside list item `item` (`plan.team[1]`),
    /// shown yet or not: such an item is not finished.
    pub fn item_has_errors(&self, item: &str) -> bool {
        self.report.with(|report| {
            report.issues().iter().any(|issue| {
                issue.severity == Severity::Error && item_of(&issue.path) == Some(item)
            })
        })
    }

    /// Opens the list item that holds `path` (`plan.team[1].name` opens
    /// `plan.team[1]`), so its control is on the page; other paths change nothing.
    pub fn open_item_of(&self, path: &str) {
        if let Some(item) = item_of(path) {
            self.open_item.set(Some(item.to_owned()));
        }
    }

    /// Whether the safeguarding gate is closed: significant harm answered yes.
    pub fn safeguarding_stop(&self) -> bool {
        self.draft
            .with(|draft| validate::safeguarding_stop(&draft.data))
    }
}

/// The list item a field path lies in: `plan.team[1].name` → `plan.team[1]`.
pub fn item_of(path: &str) -> Option<&str> {
    let close = path.find(']')?;
    Some(&path[..=close])
}

/// The open draft's state; only called inside the draft's pages.
pub fn use_form_state() -> FormState {
    expect_context::<FormState>()
}

/// The meeting a `meetings[i]…` path is in.
fn meeting_index(path: &str) -> Option<usize> {
    path.strip_prefix("meetings[")?
        .split(']')
        .next()?
        .parse()
        .ok()
}
