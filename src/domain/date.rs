//! Dates as typed (three boxes) and as calendar dates. No clock here: "today"
//! is always passed in.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A date as typed into the three GOV.UK date boxes, kept exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DateDraft {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// A valid calendar date (proleptic Gregorian), ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// 1 January 1970; only a stand-in where a date is structurally required.
impl Default for Date {
    fn default() -> Date {
        Date {
            year: 1970,
            month: 1,
            day: 1,
        }
    }
}

/// Why three typed boxes are not a date. The UI words these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Some boxes are filled and some are empty.
    Incomplete {
        missing_day: bool,
        missing_month: bool,
        missing_year: bool,
    },
    /// A box holds something other than digits.
    NotANumber,
    /// The year is not four digits.
    YearNotFourDigits,
    /// The month is not 1 to 12.
    MonthOutOfRange,
    /// The day does not exist in that month (31/02, 29/02 in a non-leap year).
    NoSuchDay,
}

impl DateDraft {
    /// A draft holding `date` as a person would type it.
    pub fn from_date(date: Date) -> DateDraft {
        DateDraft {
            day: date.day.to_string(),
            month: date.month.to_string(),
            year: date.year.to_string(),
        }
    }

    /// Whether all three boxes are empty (after trimming).
    pub fn is_blank(&self) -> bool {
        self.day.trim().is_empty() && self.month.trim().is_empty() && self.year.trim().is_empty()
    }

    /// Reads the three boxes: `Ok(None)` when all are empty.
    pub fn parse(&self) -> Result<Option<Date>, DateError> {
        if self.is_blank() {
            return Ok(None);
        }
        let (day, month, year) = (self.day.trim(), self.month.trim(), self.year.trim());
        if day.is_empty() || month.is_empty() || year.is_empty() {
            return Err(DateError::Incomplete {
                missing_day: day.is_empty(),
                missing_month: month.is_empty(),
                missing_year: year.is_empty(),
            });
        }
        let all_digits =
            |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(day) || !all_digits(month) || !all_digits(year) {
            return Err(DateError::NotANumber);
        }
        if year.len() != 4 {
            return Err(DateError::YearNotFourDigits);
        }
        // Each box is 1 to 4 ASCII digits, so these parses cannot fail.
        let (Ok(day), Ok(month), Ok(year)) = (
            day.parse::<u32>(),
            month.parse::<u32>(),
            year.parse::<i32>(),
        ) else {
            return Err(DateError::NotANumber);
        };
        if !(1..=12).contains(&month) {
            return Err(DateError::MonthOutOfRange);
        }
        Date::new(year, month as u8, day.min(99) as u8)
            .map(Some)
            .ok_or(DateError::NoSuchDay)
    }
}

impl Date {
    /// The date, if it exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (the start of an RFC 3339 timestamp is accepted).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let text = text.get(..10)?;
        let mut parts = text.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Whole years from `self` (a birth date) to `on`; a birthday counts on the
    /// day itself, and a 29 February birthday on 1 March in other years.
    pub fn age_on(self, on: Date) -> i32 {
        let mut years = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }

    /// The date `n_days` later (or earlier, if negative).
    pub fn add_days(self, n_days: i64) -> Date {
        civil_from_days(days_from_civil(self) + n_days)
    }

    /// The same day `n_months` later; a day the later month lacks becomes
    /// its last day (31 August + 6 months is 28 or 29 February).
    pub fn add_months(self, n_months: u32) -> Date {
        let months = i64::from(self.month) - 1 + i64::from(n_months);
        let year = self.year + (months / 12) as i32;
        let month = (months % 12) as u8 + 1;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// Days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        days_from_civil(later) - days_from_civil(self)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// UK style, `dd/mm/yyyy`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(date: Date) -> i64 {
    let year = i64::from(date.year) - i64::from(date.month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(date.month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(date.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of `days_from_civil`.
fn civil_from_days(days: i64) -> Date {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(day: &str, month: &str, year: &str) -> DateDraft {
        DateDraft {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        }
    }

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date::new(year, month, day).expect("test date exists")
    }

    #[test]
    fn reads_a_typed_date_with_spaces_and_leading_zeros() {
        assert_eq!(
            typed(" 03", "4 ", "2021").parse(),
            Ok(Some(date(2021, 4, 3)))
        );
    }

    #[test]
    fn blank_boxes_are_no_date_not_an_error() {
        assert_eq!(typed("", " ", "").parse(), Ok(None));
    }

    #[test]
    fn twenty_ninth_of_february_exists_only_in_leap_years() {
        assert_eq!(
            typed("29", "2", "2024").parse(),
            Ok(Some(date(2024, 2, 29)))
        );
        assert_eq!(typed("29", "2", "2023").parse(), Err(DateError::NoSuchDay));
        assert_eq!(typed("29", "2", "1900").parse(), Err(DateError::NoSuchDay));
        assert_eq!(
            typed("29", "2", "2000").parse(),
            Ok(Some(date(2000, 2, 29)))
        );
    }

    #[test]
    fn impossible_dates_are_reported() {
        assert_eq!(typed("31", "2", "2020").parse(), Err(DateError::NoSuchDay));
        assert_eq!(typed("31", "4", "2020").parse(), Err(DateError::NoSuchDay));
        assert_eq!(typed("0", "4", "2020").parse(), Err(DateError::NoSuchDay));
        assert_eq!(
            typed("1", "13", "2020").parse(),
            Err(DateError::MonthOutOfRange)
        );
        assert_eq!(
            typed("1", "1", "20").parse(),
            Err(DateError::YearNotFourDigits)
        );
        assert_eq!(
            typed("1st", "1", "2020").parse(),
            Err(DateError::NotANumber)
        );
        assert_eq!(
            typed("99999", "1", "2020").parse(),
            Err(DateError::NotANumber)
        );
        assert_eq!(
            typed("1", "", "2020").parse(),
            Err(DateError::Incomplete {
                missing_day: false,
                missing_month: true,
                missing_year: false
            })
        );
    }

    #[test]
    fn age_counts_the_birthday_itself() {
        let born = date(2016, 11, 23);
        assert_eq!(born.age_on(date(2026, 11, 22)), 9);
        assert_eq!(born.age_on(date(2026, 11, 23)), 10);
    }

    #[test]
    fn leap_day_birthdays_age_on_first_of_march() {
        let born = date(2012, 2, 29);
        assert_eq!(born.age_on(date(2017, 2, 28)), 4);
        assert_eq!(born.age_on(date(2017, 3, 1)), 5);
        assert_eq!(born.age_on(date(2016, 2, 29)), 4);
    }

    #[test]
    fn day_arithmetic_round_trips_across_years() {
        let start = date(2024, 2, 28);
        assert_eq!(start.add_days(1), date(2024, 2, 29));
        assert_eq!(start.add_days(2), date(2024, 3, 1));
        assert_eq!(start.add_days(84).days_until(start), -84);
        assert_eq!(date(1970, 1, 1).add_days(0), date(1970, 1, 1));
        assert_eq!(date(2026, 12, 31).add_days(1), date(2027, 1, 1));
    }

    #[test]
    fn month_arithmetic_keeps_the_day_or_takes_the_month_end() {
        assert_eq!(date(2026, 1, 10).add_months(6), date(2026, 7, 10));
        assert_eq!(date(2026, 8, 31).add_months(6), date(2027, 2, 28));
        assert_eq!(date(2027, 8, 31).add_months(6), date(2028, 2, 29));
        assert_eq!(date(2026, 12, 1).add_months(1), date(2027, 1, 1));
        assert_eq!(date(2026, 3, 15).add_months(0), date(2026, 3, 15));
        assert_eq!(date(2026, 3, 15).add_months(30), date(2028, 9, 15));
    }

    #[test]
    fn shows_uk_order_and_iso() {
        assert_eq!(date(2026, 4, 3).to_string(), "03/04/2026");
        assert_eq!(date(2026, 4, 3).iso(), "2026-04-03");
        assert_eq!(
            Date::parse_iso("2026-11-23T10:42:07Z"),
            Some(date(2026, 11, 23))
        );
    }
}
