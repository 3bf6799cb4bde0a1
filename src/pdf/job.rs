//! The messages between the page and the PDF worker. Pure data; how they cross
//! `postMessage` is the worker's glue (`src/bin/pdf_worker.rs`).
//!
//! Protocol: the page posts a [`RenderRequest`] as a JSON string. The worker
//! posts [`RenderReply::Ready`] once loaded, and for each request one reply: a
//! JSON string of the reply, except that for `Rendered` the PDF bytes travel
//! separately (see [`RenderReply`]).

use serde::{Deserialize, Serialize};

use super::model::Document;

/// What the page asks of the PDF worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenderRequest {
    /// The document to print.
    pub document: Document,
}

/// What the worker sends back.
///
/// `Rendered`'s `bytes` are skipped by serde: the worker posts a two-element
/// JS array `[header, bytes]`, where `header` is this reply as JSON
/// (`{"Rendered":{"size":N}}`) and `bytes` a `Uint8Array` of the PDF, so a large
/// PDF never travels as a JSON array of numbers. `Ready` and `Failed` are
/// posted as a bare JSON string.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RenderReply {
    /// The worker has loaded. Anything posted to it before this is lost.
    Ready,
    /// The PDF was made.
    Rendered {
        /// The length of the PDF in bytes, as a check on the transfer.
        size: usize,
        /// The PDF itself; not part of the JSON header.
        #[serde(skip)]
        bytes: Vec<u8>,
    },
    /// No PDF: a plain-words reason for the status region.
    Failed(String),
}

/// Runs one request: a JSON string in, a reply out. Never panics on bad input.
#[cfg(feature = "pdf-engine")]
pub fn answer_json(request: &str) -> RenderReply {
    match serde_json::from_str::<RenderRequest>(request) {
        Ok(request) => answer(&request),
        Err(_) => RenderReply::Failed("the print request was not understood".to_owned()),
    }
}

/// Runs one request.
#[cfg(feature = "pdf-engine")]
pub fn answer(request: &RenderRequest) -> RenderReply {
    match super::render(&request.document) {
        Ok(bytes) => RenderReply::Rendered {
            size: bytes.len(),
            bytes,
        },
        Err(err) => RenderReply::Failed(err.to_string()),
    }
}

/// The reply as the JSON header the worker posts (see [`RenderReply`]).
pub fn header_json(reply: &RenderReply) -> String {
    serde_json::to_string(reply)
        .unwrap_or_else(|_| r#"{"Failed":"the reply could not be encoded"}"#.to_owned())
}

#[cfg(all(test, feature = "pdf-engine"))]
mod tests {
    use super::*;

    #[test]
    fn a_bad_request_fails_in_plain_words() {
        assert_eq!(
            answer_json("not json"),
            RenderReply::Failed("the print request was not understood".to_owned())
        );
    }

    #[test]
    fn a_minimal_request_renders() {
        let reply =
            answer_json(r#"{"document":{"title":"Plan","blocks":[{"Paragraph":"Hello"}]}}"#);
        match reply {
            RenderReply::Rendered { size, bytes } => {
                assert_eq!(size, bytes.len());
                assert!(bytes.starts_with(b"%PDF-"));
            }
            other => panic!("expected a PDF, got {other:?}"),
        }
    }

    #[test]
    fn the_header_leaves_the_bytes_out() {
        let reply = RenderReply::Rendered {
            size: 3,
            bytes: vec![1, 2, 3],
        };
        assert_eq!(header_json(&reply), r#"{"Rendered":{"size":3}}"#);
        assert_eq!(header_json(&RenderReply::Ready), r#""Ready""#);
    }
}
