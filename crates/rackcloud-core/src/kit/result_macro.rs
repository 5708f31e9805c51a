//! [`result_type!`](crate::result_type): the boilerplate of a service operation's result type,
//! written once.

/// Declares the result type of a service operation: a newtype around
/// [`RequestResult`](crate::RequestResult) (operations whose answer has a body to extract) or
/// [`ErrResult`](crate::ErrResult) (operations that only succeed or fail), with `status`,
/// `header` and `err`, `From<RequestResult>`, `From<Error>` and `From<Result<RequestResult,
/// Error>>` (so that an operation is one expression: check the input, send, convert), and for
/// `ErrResult` types `extract_err`. The service crate writes only what is its own: the `extract`
/// methods.
///
/// # Examples
///
/// ```
/// use rackcloud_core::{Error, ErrorKind};
/// use rackcloud_core::kit::result_type;
///
/// result_type! {
///     /// The result of `get`.
///     #[must_use = "call extract to read the answer"]
///     pub struct GetResult(RequestResult);
/// }
///
/// impl GetResult {
///     /// The answer's `name`.
///     pub fn extract(self) -> Result<String, Error> {
///         let body: serde_json::Value = self.0.extract_json()?;
///         Ok(body["name"].as_str().unwrap_or_default().to_owned())
///     }
/// }
///
/// result_type! {
///     /// The result of `delete`.
///     pub struct DeleteResult(ErrResult);
/// }
///
/// let refused = DeleteResult::from(Error::invalid_input("id must be greater than zero"));
/// assert_eq!(refused.status(), None);
/// assert_eq!(refused.extract_err().unwrap_err().kind(), ErrorKind::InvalidInput);
///
/// // An operation: check, send, convert.
/// fn delete(client: &rackcloud_core::ServiceClient, id: u64) -> DeleteResult {
///     rackcloud_core::kit::check_id("item", id)
///         .map(|()| client.delete(&client.lb_url(id, &[])))
///         .into()
/// }
/// # let client = rackcloud_core::ServiceClient::with_token("http://127.0.0.1:9/v1.0/1", "t")?;
/// assert!(delete(&client, 0).extract_err().unwrap_err().is_invalid_input());
/// # Ok::<(), Error>(())
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! result_type {
    ($(#[$attr:meta])* $vis:vis struct $name:ident(RequestResult);) => {
        $(#[$attr])*
        #[derive(Debug)]
        $vis struct $name($crate::RequestResult);

        $crate::result_type!(@common $name, $crate::RequestResult);
    };
    ($(#[$attr:meta])* $vis:vis struct $name:ident(ErrResult);) => {
        $(#[$attr])*
        #[derive(Debug)]
        $vis struct $name($crate::ErrResult);

        $crate::result_type!(@common $name, $crate::ErrResult);

        impl $name {
            /// Success when the server accepted the request, or the request's error; the body,
            /// if any, is not read (an empty 202 is a success).
            ///
            /// # Errors
            ///
            /// The request's [`Error`]($crate::Error), including invalid input refused before
            /// anything was sent.
            pub fn extract_err(self) -> ::std::result::Result<(), $crate::Error> {
                self.0.extract_err()
            }

            /// For a removal: [`Removed`]($crate::Removal::Removed) when the server accepted
            /// it, [`NothingToRemove`]($crate::Removal::NothingToRemove) for its 422 "already
            /// disabled" answer.
            ///
            /// # Errors
            ///
            /// Every error of `extract_err` except
            /// [`AlreadyDisabled`]($crate::ErrorKind::AlreadyDisabled).
            pub fn extract_removal(self) -> ::std::result::Result<$crate::Removal, $crate::Error> {
                self.0.extract_removal()
            }
        }
    };
    (@common $name:ident, $inner:ty) => {
        impl $name {
            /// The HTTP status, when an answer arrived (also for error statuses).
            pub fn status(&self) -> ::std::option::Option<u16> {
                self.0.status()
            }

            /// A header of a successful answer (case-insensitive).
            pub fn header(&self, name: &str) -> ::std::option::Option<&str> {
                self.0.header(name)
            }

            /// The error, if the request failed.
            pub fn err(&self) -> ::std::option::Option<&$crate::Error> {
                self.0.err()
            }
        }

        impl ::std::convert::From<$crate::RequestResult> for $name {
            fn from(result: $crate::RequestResult) -> $name {
                $name(<$inner>::from(result))
            }
        }

        impl ::std::convert::From<$crate::Error> for $name {
            fn from(error: $crate::Error) -> $name {
                $name(<$inner>::from(error))
            }
        }

        /// A request, or the error that refused its input before anything was sent.
        impl ::std::convert::From<::std::result::Result<$crate::RequestResult, $crate::Error>>
            for $name
        {
            fn from(
                result: ::std::result::Result<$crate::RequestResult, $crate::Error>,
            ) -> $name {
                match result {
                    ::std::result::Result::Ok(sent) => $name::from(sent),
                    ::std::result::Result::Err(refused) => $name::from(refused),
                }
            }
        }
    };
}
