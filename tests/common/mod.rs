//! Fixtures shared by the native test crates: a typical complete draft (a
//! CAF of about four pages, names in Latin Extended, Greek and Cyrillic) and
//! the small builders around it. Each test crate uses only some of them.
#![allow(dead_code)]

use caf_lite::domain::*;

pub const DRAFT_ID: &str = "3f2a9c1e-7b44-4d0a-9e51-2c8f0a6d1b73";

pub fn today() -> Date {
    date(2026, 11, 23)
}

pub fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("test dates exist")
}

pub fn typed(year: i32, month: u8, day: u8) -> DateDraft {
    DateDraft::from_date(date(year, month, day))
}

/// A typical complete draft (a CAF of about four pages) that checks with no
/// errors, in the scripts a UK family may write its names in.
pub fn complete_data() -> Data {
    let mut data = Data {
        start: StartDraft {
            significant_harm: "no".into(),
            existing_check: "checked_none".into(),
            assess_agreed_by: "Олена Łukasiewicz-O'Brien".into(),
            assess_agreed_relationship: "Mother".into(),
            assess_agreed_on: typed(2026, 10, 1),
        },
        ..Data::default()
    };
    data.child = ChildDraft {
        given_name: "Zoë".into(),
        family_name: "Łukasiewicz-O'Brien".into(),
        date_of_birth: typed(2018, 5, 14),
        sex: "female".into(),
        address: "Flat 2, 14 High Street\nChatham".into(),
        postcode: "me4 4tr".into(),
        nhs_number: "943 476 5919".into(),
        upn: "B801200005001".into(),
        ..ChildDraft::default()
    };
    data.parents = vec![ParentDraft {
        name: "Олена Łukasiewicz-O'Brien".into(),
        relationship: "Mother".into(),
        parental_responsibility: "yes".into(),
        phone: "07700 900982".into(),
        email: "olena@example.com".into(),
        lives_with_child: "yes".into(),
        ..ParentDraft::default()
    }];
    data.household = vec![
        HouseholdMemberDraft {
            name: "Ελένη Papadaki".into(),
            relationship: "Grandmother".into(),
            date_of_birth: typed(1958, 3, 2),
        },
        HouseholdMemberDraft {
            name: "Tomasz Householder".into(),
            relationship: "Brother".into(),
            date_of_birth: typed(2015, 7, 9),
        },
    ];
    data.family.notes =
        "Grandmother Ελένη helps with school runs on Tuesdays and Thursdays.".into();
    data.assessor = AssessorDraft {
        name: "Sam Patel".into(),
        role: "SENCO".into(),
        organisation: "Riverside Primary".into(),
        phone: "01632 960001".into(),
        email: "sam@example.org".into(),
        ofsted_urn: String::new(),
    };
    data.assessment.started_on = typed(2026, 10, 5);
    data.services = vec![ServiceDraft {
        service: "Health visiting".into(),
        contact_name: "Siobhán Ní Bhriain".into(),
        phone: "01632 960002".into(),
        email: "siobhan@example.org".into(),
    }];
    data.reason.summary =
        "Zoë is often late and tired at school; attendance is 86% this term.".into();
    data.needs.health = NeedDraft {
        rating: "some_concern".into(),
        notes: "Poor sleep; bedtime is often after 11pm. Asthma reviewed in September.".into(),
    };
    data.needs.emotional_social = NeedDraft {
        rating: "no_concern".into(),
        notes: "Has two close friends in class.".into(),
    };
    data.needs.learning = NeedDraft {
        rating: "strength".into(),
        notes: "Reading age above her age; loves drawing.".into(),
    };
    data.needs.basic_care = NeedDraft {
        rating: "significant_concern".into(),
        notes: "Mornings are chaotic: often no breakfast and late arrival.".into(),
    };
    data.needs.housing_finance = NeedDraft {
        rating: "some_concern".into(),
        notes: "Damp in the bedroom; the repair has been reported twice.".into(),
    };
    data.views = ViewsDraft {
        child: "I like reading and drawing. I am tired in the mornings.".into(),
        child_not_sought: String::new(),
        parent: "We would like help with bedtimes and getting the flat repaired.".into(),
    };
    data.conclusion = ConclusionDraft {
        summary: "A team will help with sleep, mornings and the housing repair.".into(),
        response: "team_around_child".into(),
    };
    data.plan = PlanDraft {
        meeting_date: typed(2026, 10, 20),
        team: vec![
            TeamMemberDraft {
                id: "team-1".into(),
                name: "Sam Patel".into(),
                role: "SENCO".into(),
                agency: "Riverside Primary".into(),
                phone: "01632 960001".into(),
                email: "sam@example.org".into(),
            },
            TeamMemberDraft {
                id: "team-2".into(),
                name: "Siobhán Ní Bhriain".into(),
                role: "Health visitor".into(),
                agency: "Health visiting".into(),
                phone: "01632 960002".into(),
                email: "siobhan@example.org".into(),
            },
            TeamMemberDraft {
                id: "team-3".into(),
                name: "Agnieszka Wąsowska".into(),
                role: "Housing officer".into(),
                agency: "Medway Council housing".into(),
                phone: "01632 960003".into(),
                email: String::new(),
            },
        ],
        lead: LeadDraft {
            name: "Sam Patel".into(),
            role: "SENCO".into(),
            agency: "Riverside Primary".into(),
            phone: "01632 960001".into(),
            email: "sam@example.org".into(),
            agreed_with_family: true,
            reasons: vec!["main_need".into(), "existing_relationship".into()],
        },
        deputy: DeputyDraft::default(),
        actions: vec![
            action(
                "health",
                "Bedtime routine sessions at home, one a week for six weeks",
                "Siobhán Ní Bhriain",
                (2026, 12, 1),
                "Zoë is asleep by 8.30pm on school nights",
                "be_healthy",
            ),
            action(
                "basic_care",
                "Breakfast club place from Monday",
                "Sam Patel",
                (2026, 11, 2),
                "Zoë eats breakfast and arrives by 8.45am",
                "be_healthy",
            ),
            action(
                "housing_finance",
                "Inspect the damp and book the repair",
                "Agnieszka Wąsowska",
                (2026, 12, 15),
                "The bedroom is dry and warm",
                "economic_wellbeing",
            ),
            action(
                "basic_care",
                "Morning checklist made with Zoë",
                "Family",
                (2026, 11, 9),
                "Zoë gets ready with fewer reminders",
                "enjoy_and_achieve",
            ),
        ],
        next_review: typed(2026, 12, 15),
    };
    data.plan.actions[1].status = "in_progress".into();
    data.plan.actions[1].progress = "Started on 2 November; going well.".into();
    data.consent = ConsentDraft {
        given_by: "Олена Łukasiewicz-O'Brien".into(),
        relationship: "Mother".into(),
        parental_responsibility: "yes".into(),
        explained: true,
        store: true,
        share_with: vec!["Health visiting".into(), "Medway Council housing".into()],
        not_share_with: "Youth offending service".into(),
        sensitive: true,
        method: "verbal_in_person".into(),
        date: typed(2026, 10, 5),
        time: "10:30".into(),
        practitioner: "Sam Patel".into(),
        leaflet_given: true,
        ..ConsentDraft::default()
    };
    // Each action's id, as the page gives one when it is added.
    give_missing_ids(&mut data, derived_ids(DRAFT_ID));
    data
}

pub fn action(
    need: &str,
    what: &str,
    who: &str,
    due: (i32, u8, u8),
    outcome: &str,
    ecm: &str,
) -> ActionDraft {
    ActionDraft {
        need: need.into(),
        what: what.into(),
        who: who.into(),
        due: typed(due.0, due.1, due.2),
        outcome: outcome.into(),
        ecm: ecm.into(),
        status: "not_started".into(),
        progress: String::new(),
        id: String::new(),
    }
}

/// A review held on 20/11/2026 that continues the plan to 15/01/2027.
pub fn complete_review() -> ReviewDraft {
    ReviewDraft {
        id: String::new(),
        date: typed(2026, 11, 20),
        summary: "Mornings are better.".into(),
        actions: vec![ReviewActionDraft {
            what: "Bedtime routine sessions".into(),
            status: "in_progress".into(),
            progress: "Two sessions held".into(),
        }],
        decision: "continue".into(),
        next_review: typed(2027, 1, 15),
        ..ReviewDraft::default()
    }
}

/// `data` with the family's agreement recorded over its current content.
pub fn recorded(mut data: Data) -> Data {
    record_agreement(&mut data, "2026-10-05T10:30:00Z");
    data
}

pub fn draft(data: Data) -> Draft {
    Draft {
        id: DRAFT_ID.into(),
        created_at: "2026-10-05T09:00:00Z".into(),
        updated_at: "2026-11-23T14:04:00Z".into(),
        revision: 12,
        version: 1,
        last_pdf_fingerprint: String::new(),
        data,
        ..Draft::default()
    }
}

/// Runs a poppler tool (`pdftotext`, `pdfinfo`, `pdffonts`) on the PDF at
/// `path` and returns what it printed. `to_stdout` names `-` as the output
/// file, for the tools that otherwise write one.
pub fn poppler(program: &str, args: &[&str], path: &std::path::Path, to_stdout: bool) -> String {
    let mut cmd = std::process::Command::new(program);
    cmd.args(args).arg(path);
    if to_stdout {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        out.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Checks `pdffonts`' listing of a printed file: at least a regular and a
/// bold font, each embedded and with a ToUnicode map (so text copies back).
pub fn assert_fonts_embedded_with_unicode(listing: &str) {
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert!(rows.len() >= 2, "regular and bold:\n{listing}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type [type2] encoding emb sub uni object ID
        let n = cols.len();
        assert!(n >= 7, "{row}");
        assert_eq!(cols[n - 5], "yes", "not embedded: {row}");
        assert_eq!(cols[n - 3], "yes", "no ToUnicode map: {row}");
    }
}
