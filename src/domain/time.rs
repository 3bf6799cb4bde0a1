//! A time of day typed as `HH:MM`, 24-hour clock. Pure.

use std::fmt;

/// A valid time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
}

/// Why some typed text is not a 24-hour time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    /// Nothing was typed.
    Empty,
    /// Not one or two digits, a colon and two digits.
    WrongFormat,
    /// The hour is over 23.
    HourOutOfRange,
    /// The minute is over 59.
    MinuteOutOfRange,
}

impl TimeOfDay {
    /// Parses `HH:MM` (a one-digit hour such as `9:30` is accepted).
    pub fn parse(text: &str) -> Result<TimeOfDay, TimeError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(TimeError::Empty);
        }
        let (hour, minute) = text.split_once(':').ok_or(TimeError::WrongFormat)?;
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(1..=2).contains(&hour.len()) || minute.len() != 2 || !digits(hour) || !digits(minute) {
            return Err(TimeError::WrongFormat);
        }
        let (Ok(hour), Ok(minute)) = (hour.parse::<u8>(), minute.parse::<u8>()) else {
            return Err(TimeError::WrongFormat);
        };
        if hour > 23 {
            return Err(TimeError::HourOutOfRange);
        }
        if minute > 59 {
            return Err(TimeError::MinuteOutOfRange);
        }
        Ok(TimeOfDay { hour, minute })
    }

    /// Hours, 0 to 23.
    pub fn hour(self) -> u8 {
        self.hour
    }

    /// Minutes, 0 to 59.
    pub fn minute(self) -> u8 {
        self.minute
    }
}

/// `HH:MM`.
impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_24_hour_times() {
        assert_eq!(
            TimeOfDay::parse("09:30").map(|t| t.to_string()),
            Ok("09:30".into())
        );
        assert_eq!(
            TimeOfDay::parse(" 9:05 ").map(|t| t.to_string()),
            Ok("09:05".into())
        );
        assert!(TimeOfDay::parse("00:00").is_ok());
        assert!(TimeOfDay::parse("23:59").is_ok());
    }

    #[test]
    fn rejects_others() {
        assert_eq!(TimeOfDay::parse(""), Err(TimeError::Empty));
        assert_eq!(TimeOfDay::parse("24:00"), Err(TimeError::HourOutOfRange));
        assert_eq!(TimeOfDay::parse("12:60"), Err(TimeError::MinuteOutOfRange));
        for bad in ["9.30", "930", "9:3", "12:30pm", "123:00", "+1:00", "١٢:٠٠"] {
            assert_eq!(TimeOfDay::parse(bad), Err(TimeError::WrongFormat), "{bad}");
        }
    }
}
