//! The checked assessment: a draft with no errors, plus its parsed
//! identifiers. Only `validate::check` builds one (its constructor is
//! crate-private); it is deliberately not serialisable, because the stored
//! form is always the `Draft`.

use crate::domain::{Data, Date, NhsNumber, Postcode, Upn};

/// A draft that passed every check (warnings may remain).
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    data: Data,
    nhs_number: Option<NhsNumber>,
    upn: Option<Upn>,
    postcode: Option<Postcode>,
    date_of_birth: Option<Date>,
    expected_date: Option<Date>,
}

impl Assessment {
    /// Built by the validator once the report has no errors.
    pub(crate) fn new(
        data: Data,
        nhs_number: Option<NhsNumber>,
        upn: Option<Upn>,
        postcode: Option<Postcode>,
        date_of_birth: Option<Date>,
        expected_date: Option<Date>,
    ) -> Assessment {
        Assessment {
            data,
            nhs_number,
            upn,
            postcode,
            date_of_birth,
            expected_date,
        }
    }

    /// The answers, as typed.
    pub fn data(&self) -> &Data {
        &self.data
    }

    /// The child's NHS number, `None` if not given.
    pub fn nhs_number(&self) -> Option<&NhsNumber> {
        self.nhs_number.as_ref()
    }

    /// The child's UPN, `None` if not given.
    pub fn upn(&self) -> Option<&Upn> {
        self.upn.as_ref()
    }

    /// The child's postcode in normal form, `None` for no fixed address.
    pub fn postcode(&self) -> Option<&Postcode> {
        self.postcode.as_ref()
    }

    /// The child's date of birth, `None` for an unborn baby.
    pub fn date_of_birth(&self) -> Option<Date> {
        self.date_of_birth
    }

    /// The expected date of delivery, `None` unless the baby is unborn.
    pub fn expected_date(&self) -> Option<Date> {
        self.expected_date
    }
}
