//! The meetings of the Team Around the Child (caf-form.md §3.13): every
//! meeting in one line, one open to change at a time (its questions from
//! the table, `MEETING_FIELDS`), who is invited and who came, and what the
//! meeting makes: the calendar file, an invitation for each family
//! invitee, and the meeting record. Not a numbered step: nothing here makes
//! a step incomplete or blocks the agreement; what an invitation or a
//! calendar file still needs is said beside those buttons.

use leptos::prelude::*;

use crate::domain::meetings::{
    self, date_of, gaps, gets_invitation, invitee_name, status_of, INVITE_CHILD, INVITE_FAMILY,
    INVITE_TEAM,
};
use crate::domain::{Data, DateDraft, InviteeDraft};
use crate::form::caf::{plan_meeting, MEETING_FIELDS};
use crate::form::choices::{label_of, MEETING_KIND, MEETING_STATUS};
use crate::form::Step;
use crate::print::calendar::{ics, ics_file_name};
use crate::print::invitation::invitation_pdf;
use crate::print::meeting_record::{meeting_record_key, meeting_record_pdf};
use crate::ui::app::AppState;
use crate::ui::pages::documents::{make_pdf, Pdf};
use crate::ui::pages::ReturnToTaskList;
use crate::ui::platform;
use crate::ui::state::{use_form_state, window_title, Page};
use crate::ui::widgets::FieldView;
use crate::validate;

/// Whether the meetings page is offered: the plan has a team to invite,
/// or the CAF already has meetings (never hidden once there are some).
pub fn meetings_available(data: &Data) -> bool {
    !data.plan.team.is_empty() || !data.meetings.is_empty()
}

/// A meeting's date in words, or "Date not set".
fn date_words(date: &DateDraft) -> String {
    match date.parse() {
        Ok(Some(date)) => date.to_string(),
        _ => "Date not set".to_owned(),
    }
}

/// The meetings page.
#[component]
pub fn MeetingsPage() -> impl IntoView {
    let state = use_form_state();
    platform::set_title(&window_title(Page::Meetings.title(), false));
    let available = Memo::new(move |_| state.draft.with(|d| meetings_available(&d.data)));
    let editing = RwSignal::new(None::<usize>);
    let plan = move |_| {
        state.update(|d| plan_meeting(d, platform::new_id()));
        let idx = state
            .draft
            .with_untracked(|d| d.data.meetings.len().saturating_sub(1));
        editing.set(Some(idx));
        request_animation_frame(|| platform::focus("meeting-editor-heading"));
    };
    // Lists are rebuilt only when what they list changes, never on a
    // keystroke or a tick, so the control with focus stays in the page.
    let count = Memo::new(move |_| state.draft.with(|d| d.data.meetings.len()));
    let list = move || {
        let n = count.get();
        (0..n)
            .map(|idx| {
                let line = move || {
                    state.draft.with(|d| {
                        d.data.meetings.get(idx).map(|m| {
                            let kind = label_of(MEETING_KIND, &m.kind).to_owned();
                            let when = date_words(date_of(&d.data, m));
                            let time = match m.start.trim() {
                                "" => String::new(),
                                start => format!(" at {start}"),
                            };
                            let status = label_of(MEETING_STATUS, status_of(m)).to_owned();
                            (kind, format!("{when}{time}"), status)
                        })
                    })
                };
                let open = move |_| {
                    editing.set(Some(idx));
                    request_animation_frame(|| platform::focus("meeting-editor-heading"));
                };
                view! {
                    <li class="caf-summary-list__row" id=format!("meeting-{idx}")>
                        {move || line().map(|(kind, when, status)| view! {
                            <span class="caf-body"><strong>{kind}</strong>" – "{when}" – "{status}</span>
                        })}
                        <Show when=move || editing.get() != Some(idx)>
                            <button type="button" class="caf-button caf-button--secondary" id=format!("meeting-{idx}-open") on:click=open>
                                "Change"<span class="caf-visually-hidden">{format!(" meeting {}", idx + 1)}</span>
                            </button>
                        </Show>
                    </li>
                }
            })
            .collect_view()
    };
    let body = move || {
        if !available.get() {
            return view! {
                <div id="meetings-unavailable">
                    <p class="caf-body">"Meetings start once the plan has a team. Add the team in \"Team and delivery plan\" first."</p>
                    <button type="button" class="caf-button" id="meetings-go-to-plan" on:click=move |_| state.page.set(Page::Step(Step::Plan))>
                        "Go to Team and delivery plan"
                    </button>
                </div>
            }
            .into_any();
        }
        view! {
            <p class="caf-body">
                "Plan the first Team Around the Child meeting and each review. A meeting's time, place and who comes do not change the family's agreement; its date is part of the plan, so changing it does."
            </p>
            <ul class="caf-list" id="meetings-list">{list}</ul>
            {move || editing.get().map(|idx| view! { <MeetingEditor idx=idx editing=editing/> })}
            <Show when=move || editing.get().is_none()>
                <button type="button" class="caf-button" id="plan-meeting" on:click=plan>"Plan a meeting"</button>
            </Show>
        }
        .into_any()
    };
    view! {
        <ReturnToTaskList/>
        <span class="caf-caption">"Common Assessment Framework (CAF)"</span>
        <h1 class="caf-heading-l" id="step-heading" tabindex="-1">"Meetings"</h1>
        {body}
        <div class="caf-button-group">
            <button type="button" class="caf-button caf-button--secondary" id="meetings-back" on:click=move |_| state.page.set(Page::TaskList)>
                "Back to the task list"
            </button>
        </div>
    }
}

/// One meeting, open to change.
#[component]
fn MeetingEditor(idx: usize, editing: RwSignal<Option<usize>>) -> impl IntoView {
    let state = use_form_state();
    let heading = move || {
        state.draft.with(|d| {
            d.data
                .meetings
                .get(idx)
                .map(|m| label_of(MEETING_KIND, &m.kind).to_owned())
                .unwrap_or_default()
        })
    };
    let questions = MEETING_FIELDS
        .iter()
        .map(|field| {
            let shown = Memo::new(move |_| state.draft.with(|d| field.is_shown(&d.data, idx)));
            view! {
                <Show when=move || shown.get()>
                    <FieldView field=field idx=idx/>
                </Show>
            }
        })
        .collect_view();
    let held = Memo::new(move |_| {
        state.draft.with(|d| {
            d.data
                .meetings
                .get(idx)
                .is_some_and(|m| status_of(m) == meetings::HELD)
        })
    });
    let removing = RwSignal::new(false);
    let remove = move |_| {
        editing.set(None);
        state.update(|d| {
            if idx < d.meetings.len() {
                d.meetings.remove(idx);
            }
        });
        request_animation_frame(|| platform::focus("step-heading"));
    };
    let done = move |_| {
        editing.set(None);
        request_animation_frame(move || platform::focus(&format!("meeting-{idx}-open")));
    };
    view! {
        <section class="caf-form" id="meeting-editor" aria-labelledby="meeting-editor-heading">
            <h2 class="caf-heading-m" id="meeting-editor-heading" tabindex="-1">{heading}</h2>
            {questions}
            <Invitees idx=idx/>
            <Show when=move || held.get()>
                <Attendance idx=idx/>
            </Show>
            <MeetingDocuments idx=idx/>
            <div class="caf-button-group">
                <button type="button" class="caf-button" id="meeting-done" on:click=done>"Done"</button>
                <button type="button" class="caf-button caf-button--warning" id="meeting-remove" on:click=move |_| removing.set(true)>
                    "Remove this meeting"
                </button>
            </div>
            <Show when=move || removing.get()>
                <div class="caf-warning-panel" role="alert" id="meeting-remove-confirm">
                    <p class="caf-body">"Remove this meeting? Its details, who came and any contributions imported for it are removed from this CAF. A review recorded at it is kept."</p>
                    <div class="caf-button-group">
                        <button type="button" class="caf-button caf-button--warning" id="meeting-remove-yes" on:click=remove>"Yes, remove it"</button>
                        <button type="button" class="caf-button caf-button--secondary" id="meeting-remove-no" on:click=move |_| removing.set(false)>"No, keep it"</button>
                    </div>
                </div>
            </Show>
        </section>
    }
}

/// Who could be invited: each team member, the child, each parent or carer.
#[derive(Clone, PartialEq)]
struct Candidate {
    kind: &'static str,
    /// The team member's id, or the family member's name.
    key: String,
    label: String,
}

fn candidates(data: &Data, idx: usize) -> Vec<Candidate> {
    let team = data.plan.team.iter().filter(|m| !m.id.is_empty()).map(|m| {
        let role = [m.role.trim(), m.agency.trim()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let name = match m.name.trim() {
            "" => "A team member with no name yet",
            name => name,
        };
        Candidate {
            kind: INVITE_TEAM,
            key: m.id.clone(),
            label: if role.is_empty() {
                name.to_owned()
            } else {
                format!("{name} ({role})")
            },
        }
    });
    let child = std::iter::once(Candidate {
        kind: INVITE_CHILD,
        key: String::new(),
        label: match data.child.given_name.trim() {
            "" => "The child or young person".to_owned(),
            name => format!("{name} (the child or young person)"),
        },
    });
    let family = data
        .parents
        .iter()
        .filter(|p| !p.name.trim().is_empty())
        .map(|p| Candidate {
            kind: INVITE_FAMILY,
            key: p.name.trim().to_owned(),
            label: match p.relationship.trim() {
                "" => p.name.trim().to_owned(),
                rel => format!("{} ({rel})", p.name.trim()),
            },
        });
    let mut all: Vec<Candidate> = team.chain(child).chain(family).collect();
    // Someone invited who is no longer in the CAF (removed from the team,
    // or a parent renamed or removed since) stays listed, ticked, so they
    // can be unticked; they are sent no invitation.
    let gone: Vec<Candidate> = data
        .meetings
        .get(idx)
        .map(|m| {
            m.invited
                .iter()
                .filter(|i| !all.iter().any(|c| is_candidate(i, c)))
                .map(|i| Candidate {
                    kind: if i.kind == INVITE_TEAM {
                        INVITE_TEAM
                    } else {
                        INVITE_FAMILY
                    },
                    key: if i.kind == INVITE_TEAM {
                        i.member.clone()
                    } else {
                        i.name.trim().to_owned()
                    },
                    label: match i.kind.as_str() {
                        INVITE_TEAM => meetings::GONE_FROM_TEAM.to_owned(),
                        _ => format!("{} (no longer in \"Family and household\")", i.name.trim()),
                    },
                })
                .collect()
        })
        .unwrap_or_default();
    all.extend(gone);
    all
}

fn is_candidate(invitee: &InviteeDraft, candidate: &Candidate) -> bool {
    invitee.kind == candidate.kind
        && match candidate.kind {
            INVITE_TEAM => invitee.member == candidate.key,
            INVITE_FAMILY => invitee.name.trim() == candidate.key,
            _ => true,
        }
}

/// Meeting `idx`'s invitees that `keep` keeps: each one's place in the
/// list, id and name.
fn invitees(
    data: &Data,
    idx: usize,
    keep: impl Fn(&InviteeDraft) -> bool,
) -> Vec<(usize, String, String)> {
    data.meetings
        .get(idx)
        .map(|m| {
            m.invited
                .iter()
                .enumerate()
                .filter(|(_, i)| keep(i))
                .map(|(n, i)| (n, i.id.clone(), invitee_name(data, i)))
                .collect()
        })
        .unwrap_or_default()
}

/// "Who is invited?": a tick for each person who could come.
#[component]
fn Invitees(idx: usize) -> impl IntoView {
    let state = use_form_state();
    let options = Memo::new(move |_| state.draft.with(|d| candidates(&d.data, idx)));
    let boxes = move || {
        options
            .get()
            .into_iter()
            .enumerate()
            .map(|(n, candidate)| {
                let id = format!("meetings-{idx}-invited-{n}");
                let c = candidate.clone();
                let checked = move || {
                    state.draft.with(|d| {
                        d.data
                            .meetings
                            .get(idx)
                            .is_some_and(|m| m.invited.iter().any(|i| is_candidate(i, &c)))
                    })
                };
                let c = candidate.clone();
                let toggle = move |_| {
                    let c = c.clone();
                    state.update(move |d| {
                        let Some(m) = d.meetings.get_mut(idx) else {
                            return;
                        };
                        match m.invited.iter().position(|i| is_candidate(i, &c)) {
                            Some(at) => {
                                let gone = m.invited.remove(at).id;
                                m.present.retain(|p| *p != gone);
                                m.apologies.retain(|p| *p != gone);
                            }
                            None => m.invited.push(InviteeDraft {
                                id: platform::new_id(),
                                kind: c.kind.to_owned(),
                                member: if c.kind == INVITE_TEAM { c.key.clone() } else { String::new() },
                                name: if c.kind == INVITE_FAMILY { c.key.clone() } else { String::new() },
                            }),
                        }
                    });
                };
                view! {
                    <div class="caf-checkboxes__item">
                        <input class="caf-checkboxes__input" type="checkbox" id=id.clone() name=format!("meetings[{idx}].invited") prop:checked=checked on:change=toggle autocomplete="off"/>
                        <label class="caf-label caf-checkboxes__label" for=id>{candidate.label}</label>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="caf-fieldset" id=format!("meetings-{idx}-invited")>
            <legend class="caf-fieldset__legend caf-fieldset__legend--m">"Who is invited?"</legend>
            <p class="caf-hint">"Each family member invited gets their own invitation, which names no other family member."</p>
            <div class="caf-checkboxes">{boxes}</div>
        </fieldset>
    }
}

/// After the meeting: who came and who sent apologies.
#[component]
fn Attendance(idx: usize) -> impl IntoView {
    let state = use_form_state();
    let invited = Memo::new(move |_| state.draft.with(|d| invitees(&d.data, idx, |_| true)));
    let rows = move || {
        invited
            .get()
            .into_iter()
            .map(|(n, invitee, name)| {
                let group = format!("meetings[{idx}].attendance[{n}]");
                let choice = |value: &'static str, label: &'static str| {
                    let id = format!("meetings-{idx}-attendance-{n}-{value}");
                    let who = invitee.clone();
                    let who_set = invitee.clone();
                    let checked = move || {
                        state.draft.with(|d| {
                            d.data.meetings.get(idx).is_some_and(|m| match value {
                                "came" => m.present.contains(&who),
                                "apologies" => m.apologies.contains(&who),
                                _ => !m.present.contains(&who) && !m.apologies.contains(&who),
                            })
                        })
                    };
                    let set = move |_| {
                        let who = who_set.clone();
                        state.update(move |d| {
                            if let Some(m) = d.meetings.get_mut(idx) {
                                m.present.retain(|p| *p != who);
                                m.apologies.retain(|p| *p != who);
                                match value {
                                    "came" => m.present.push(who),
                                    "apologies" => m.apologies.push(who),
                                    _ => {}
                                }
                            }
                        });
                    };
                    view! {
                        <div class="caf-radios__item">
                            <input class="caf-radios__input" type="radio" id=id.clone() name=group.clone() value=value prop:checked=checked on:change=set autocomplete="off"/>
                            <label class="caf-label caf-radios__label" for=id>{label}</label>
                        </div>
                    }
                };
                view! {
                    <fieldset class="caf-fieldset">
                        <legend class="caf-fieldset__legend">{name}</legend>
                        <div class="caf-radios caf-radios--inline">
                            {choice("came", "Came")}
                            {choice("apologies", "Sent apologies")}
                            {choice("unknown", "Not recorded")}
                        </div>
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <div id=format!("meetings-{idx}-attendance")>
            <h3 class="caf-heading-s">"Who came"</h3>
            {rows}
        </div>
    }
}

/// The calendar file, the invitations and the meeting record.
#[component]
fn MeetingDocuments(idx: usize) -> impl IntoView {
    let state = use_form_state();
    let app = expect_context::<AppState>();
    let pdf = Pdf::new();
    // What the calendar file and the invitations still need, shown beside
    // their buttons once one of them was pressed.
    let tried = RwSignal::new(false);
    let missing = Memo::new(move |_| {
        state.draft.with(|d| {
            d.data
                .meetings
                .get(idx)
                .map(|m| gaps(&d.data, m))
                .unwrap_or_default()
        })
    });
    // What is typed wrong (also said beside each field), listed with what
    // is missing: the summary beside the buttons.
    let typed_wrong = Memo::new(move |_| {
        state.settings.with(|settings| {
            state.draft.with(|d| {
                validate::check_meeting(&d.data, idx, state.today, settings)
                    .issues()
                    .iter()
                    .map(|issue| issue.message.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let refuse = move || {
        tried.set(true);
        request_animation_frame(move || platform::focus(&format!("meetings-{idx}-gaps")));
    };
    let calendar = move |_| {
        if !missing.with_untracked(Vec::is_empty) {
            return refuse();
        }
        // SEQUENCE goes up when the file would say something new, and is
        // saved (with the freshness check) before the file goes out.
        state.update(|d| {
            if let Some(m) = d.meetings.get(idx) {
                let key = meetings::calendar_key(d, m);
                if let Some(m) = d.meetings.get_mut(idx) {
                    meetings::note_calendar_made(m, key);
                }
            }
        });
        if let Err(why) = pdf.fresh.ensure() {
            return pdf.say(why, true);
        }
        let draft = state.draft.get_untracked();
        let Some(meeting) = draft.data.meetings.get(idx) else {
            return;
        };
        match ics(&draft, meeting, &platform::now_rfc3339()) {
            Ok(text) => {
                let name = ics_file_name(&draft, meeting);
                match platform::download(text.as_bytes(), &name, "text/calendar") {
                    Ok(()) => pdf.say(format!("Created {name}."), false),
                    Err(err) => pdf.say(err.to_string(), true),
                }
            }
            Err(_) => refuse(),
        }
    };
    let invite = move |invitee: usize| {
        if !missing.with_untracked(Vec::is_empty) {
            return refuse();
        }
        if let Err(why) = pdf.fresh.ensure() {
            return pdf.say(why, true);
        }
        let draft = state.draft.get_untracked();
        let job = draft.data.meetings.get(idx).and_then(|m| {
            let who = m.invited.get(invitee)?;
            app.settings
                .with_untracked(|s| invitation_pdf(&draft, m, who, s, &platform::now_words()).ok())
        });
        match job {
            Some(job) => make_pdf(pdf, job.document, job.file_name, || ()),
            None => refuse(),
        }
    };
    let record = move |_| {
        // The record's version goes up when what it prints changed, its
        // stamp included; saved (with the freshness check) before the
        // record is made.
        let stamp = state.consent_status().banner();
        let key = state.draft.with_untracked(|d| {
            d.data
                .meetings
                .get(idx)
                .map(|m| format!("{}|{stamp}", meeting_record_key(d, m)))
        });
        if let Some(key) = key {
            state.update(|d| {
                if let Some(m) = d.meetings.get_mut(idx) {
                    meetings::note_record_made(m, key);
                }
            });
        }
        if let Err(why) = pdf.fresh.ensure() {
            return pdf.say(why, true);
        }
        let draft = state.draft.get_untracked();
        let remembered = state.remembered.get_untracked();
        let Some(meeting) = draft.data.meetings.get(idx) else {
            return;
        };
        let job = state.report.with_untracked(|report| {
            app.settings.with_untracked(|s| {
                meeting_record_pdf(
                    &draft,
                    meeting,
                    report,
                    &remembered,
                    s,
                    &platform::now_words(),
                )
            })
        });
        make_pdf(pdf, job.document, job.file_name, || ());
    };
    let family = Memo::new(move |_| {
        state
            .draft
            .with(|d| invitees(&d.data, idx, |i| gets_invitation(&d.data, i)))
    });
    let invitations = move || {
        family
            .get()
            .into_iter()
            .map(|(n, _, name)| {
                view! {
                    <div class="caf-button-group">
                        <button type="button" class="caf-button caf-button--secondary" id=format!("meetings-{idx}-invitation-{n}") disabled=move || pdf.busy.get() on:click=move |_| invite(n)>
                            {format!("Create invitation for {name}")}
                        </button>
                        <button type="button" class="caf-button caf-button--secondary" id=format!("meetings-{idx}-print-invitation-{n}") on:click=move |_| {
                            match pdf.fresh.ensure() {
                                Ok(()) => state.page.set(Page::Invitation { meeting: idx, invitee: n }),
                                Err(why) => pdf.say(why, true),
                            }
                        }>
                            "Print it"<span class="caf-visually-hidden">{format!(" (the invitation for {name})")}</span>
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let gaps_shown = move || tried.get() && !missing.with(Vec::is_empty);
    view! {
        <div id=format!("meetings-{idx}-documents")>
            <h3 class="caf-heading-s">"Invitations and calendar"</h3>
            <p class="caf-body">"The calendar file names no child or family member: the family's home is \"Home visit\"."</p>
            <p class=move || if gaps_shown() { "caf-error-message" } else { "caf-hint" } id=format!("meetings-{idx}-gaps") tabindex="-1">
                {move || {
                    let gaps = missing.get();
                    if gaps.is_empty() {
                        typed_wrong.get().join(". ")
                    } else {
                        let mut words: Vec<String> = gaps.iter().map(|g| g.message().to_owned()).collect();
                        words.extend(typed_wrong.get());
                        format!("To make the calendar file or an invitation: {}.", words.join(". "))
                    }
                }}
            </p>
            <div class="caf-button-group">
                <button type="button" class="caf-button caf-button--secondary" id=format!("meetings-{idx}-ics") on:click=calendar>
                    "Download calendar file (.ics)"
                </button>
            </div>
            {invitations}
            <h3 class="caf-heading-s">"Meeting record"</h3>
            <p class="caf-body">"A PDF of who came, what was decided and the plan as it now stands, stamped with the family's agreement like the CAF PDF."</p>
            <div class="caf-button-group">
                <button type="button" class="caf-button caf-button--secondary" id=format!("meetings-{idx}-record") disabled=move || pdf.busy.get() on:click=record>
                    "Create meeting record"
                </button>
            </div>
            <p class=move || match pdf.outcome.get() {
                Some(outcome) if outcome.problem && !pdf.busy.get() => "caf-error-message",
                _ => "caf-body",
            } id=format!("meetings-{idx}-progress")>
                {move || if pdf.busy.get() {
                    Some("Creating PDF…".to_owned())
                } else {
                    pdf.outcome.get().map(|outcome| outcome.text)
                }}
            </p>
        </div>
    }
}
