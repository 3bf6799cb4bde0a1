//! What a CAF is: plain values with no I/O, no clock and no browser or UI
//! crates. `today` is always a parameter.

pub mod agencies;
pub mod agreement;
pub mod contribution;
pub mod data_url;
pub mod date;
pub mod draft;
pub mod elements;
pub mod email;
pub mod fingerprint;
pub mod ids;
pub mod meetings;
pub mod naming;
pub mod nhs_number;
pub mod ofsted_urn;
pub mod passphrase;
pub mod phone;
pub mod postcode;
pub mod remembered;
pub mod settings;
pub mod time;
pub mod upn;

pub use agreement::{
    import_consent_notes, record_agreement, set_aside_for_copy, settle_withdrawal,
    withdrawn_terms_are_current,
};
pub use date::{Date, DateDraft};
pub use draft::*;
pub use elements::{Ecm, Element, ElementDomain, ELEMENTS};
pub use email::{Email, EmailError};
pub use fingerprint::{fingerprint, FINGERPRINT_RULE};
pub use ids::{derived_ids, give_missing_ids};
pub use nhs_number::{NhsNumber, NhsNumberError};
pub use ofsted_urn::{OfstedUrn, OfstedUrnError};
pub use phone::{Phone, PhoneError};
pub use postcode::{Postcode, PostcodeError};
pub use remembered::{
    remember, remembered_withdrawal_of, withdrawal_to_remember, write_in_remembered,
    RememberedWithdrawal, REMEMBERED_NOTE,
};
pub use settings::Settings;
pub use time::{TimeError, TimeOfDay};
pub use upn::{Upn, UpnError};
