//! Placeholder report.

/// Severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One issue.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub path: String,
    pub severity: Severity,
    pub message: String,
}

/// All issues.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    issues: Vec<Issue>,
}

impl Report {
    /// Every issue.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }
}
