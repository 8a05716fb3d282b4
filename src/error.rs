//! The error returned when an extractor cannot be built.

use std::fmt;

/// An error found while building an [`Extractor`](crate::Extractor): a gazetteer that cannot be
/// read or holds a malformed line. Extraction itself never fails.
///
/// The message names the file and the 1-based line: `gazetteer my-orgs.tsv, line 3: unknown
/// kind "organisation" (expected one of …)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ErrorKind {
    Read {
        file: String,
        message: String,
    },
    Line {
        file: String,
        line: u32,
        message: String,
    },
    Build {
        message: String,
    },
}

impl Error {
    pub(crate) fn read(file: &str, message: impl fmt::Display) -> Error {
        Error {
            kind: ErrorKind::Read {
                file: file.to_string(),
                message: message.to_string(),
            },
        }
    }

    pub(crate) fn line(file: &str, line: u32, message: impl fmt::Display) -> Error {
        Error {
            kind: ErrorKind::Line {
                file: file.to_string(),
                line,
                message: message.to_string(),
            },
        }
    }

    pub(crate) fn build(message: impl fmt::Display) -> Error {
        Error {
            kind: ErrorKind::Build {
                message: message.to_string(),
            },
        }
    }

    /// The gazetteer file the error is about, if any.
    pub fn file(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Read { file, .. } | ErrorKind::Line { file, .. } => Some(file),
            ErrorKind::Build { .. } => None,
        }
    }

    /// The 1-based line of the gazetteer file the error is about, if any.
    pub fn line_number(&self) -> Option<u32> {
        match &self.kind {
            ErrorKind::Line { line, .. } => Some(*line),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Read { file, message } => {
                write!(f, "cannot read gazetteer {file}: {message}")
            }
            ErrorKind::Line {
                file,
                line,
                message,
            } => write!(f, "gazetteer {file}, line {line}: {message}"),
            ErrorKind::Build { message } => write!(f, "cannot build extractor: {message}"),
        }
    }
}

impl std::error::Error for Error {}
