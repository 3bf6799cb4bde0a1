//! The outcome of a check: every issue, each tied to a field path.

use std::fmt;

/// How much an issue matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Blocks "Completed" for its step and blocks a consent-RECORDED stamp.
    Error,
    /// Shown, never blocks.
    Warning,
}

/// One problem with one answer (or with a list as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The instantiated field path, as in caf-form.md (`parents[0].phone`,
    /// `child.date_of_birth`); a list path (`parents`, `plan.actions`) or `needs`
    /// for issues about a group as a whole.
    pub path: String,
    /// Error or warning.
    pub severity: Severity,
    /// GOV.UK-style text: what is wrong and how to fix it.
    pub message: String,
}

/// The message, as shown inline and in the error summary.
impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every issue found, in form order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    issues: Vec<Issue>,
}

impl Report {
    /// Adds an issue.
    pub fn push(
        &mut self,
        path: impl Into<String>,
        severity: Severity,
        message: impl Into<String>,
    ) {
        self.issues.push(Issue {
            path: path.into(),
            severity,
            message: message.into(),
        });
    }

    /// Adds an error.
    pub fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(path, Severity::Error, message);
    }

    /// Adds a warning.
    pub fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(path, Severity::Warning, message);
    }

    /// Every issue, in form order.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|issue| issue.severity == Severity::Error)
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|issue| issue.severity == Severity::Warning)
    }

    /// The issues whose path is exactly `path`.
    pub fn for_path<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues.iter().filter(move |issue| issue.path == path)
    }

    /// Whether there is an error at `prefix` or anywhere under it: `child`
    /// covers `child.given_name`; `parents[0]` covers `parents[0].phone` but not
    /// `parents[01]`; `parents` covers `parents` and every `parents[i]…`.
    pub fn has_errors_under(&self, prefix: &str) -> bool {
        self.errors().any(|issue| is_under(&issue.path, prefix))
    }

    /// Whether there is any error (warnings never block).
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// Whether there are no issues at all, neither errors nor warnings.
    pub fn is_clean(&self) -> bool {
        self.issues.is_empty()
    }

    /// How many issues there are.
    pub fn len(&self) -> usize {
        self.issues.len()
    }

    /// Whether there are no issues (same as `is_clean`).
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }
}

/// Whether `path` is `prefix` or a field or item under it.
fn is_under(path: &str, prefix: &str) -> bool {
    match path.strip_prefix(prefix) {
        Some(rest) => rest.is_empty() || rest.starts_with('.') || rest.starts_with('['),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_match_whole_segments() {
        let mut report = Report::default();
        report.error("parents[0].phone", "Enter a phone number");
        report.warning("child.nhs_number", "Check");
        assert!(report.has_errors_under("parents"));
        assert!(report.has_errors_under("parents[0]"));
        assert!(!report.has_errors_under("parents[1]"));
        assert!(!report.has_errors_under("parent"));
        assert!(!report.has_errors_under("child"));
        assert_eq!(report.errors().count(), 1);
        assert_eq!(report.warnings().count(), 1);
        assert_eq!(report.for_path("child.nhs_number").count(), 1);
        assert!(report.has_errors());
        assert!(!report.is_clean());
    }
}
