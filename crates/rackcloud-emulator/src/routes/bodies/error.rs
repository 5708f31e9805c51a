//! Why a body was refused, and the answer: a leaf, so that the readers of every resource (the
//! metadata's, the nodes', which `bodies::create` reads too) share it without a circle.

use crate::error_replies;
use crate::http::Reply;

/// Why a body was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// Not the expected JSON: 400 `{"message":["JSON does not match the expected schema"]}`.
    Schema,
    /// 400 in the validation shape.
    Validation(Vec<String>),
}

impl BodyError {
    pub(crate) fn reply(self) -> Reply {
        match self {
            BodyError::Schema => error_replies::schema(),
            BodyError::Validation(messages) => error_replies::validation(messages),
        }
    }
}

impl From<BodyError> for Reply {
    fn from(refused: BodyError) -> Reply {
        refused.reply()
    }
}
