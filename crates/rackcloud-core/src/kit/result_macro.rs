//! [`result_type!`](crate::result_type): the boilerplate of a service operation's result type,
//! written once.

/// Declares the result type of a service operation: a newtype around
/// [`RequestResult`](crate::RequestResult) (operations whose answer has a body to extract) or
/// [`ErrResult`](crate::ErrResult) (operations that only succeed or fail), with `status`,
/// `header` and `err`, and for `ErrResult` types `extract_err` and `extract_removal`. The
/// service crate writes only what is its own: the `extract` methods.
///
/// Three forms:
///
/// - `pub struct GetResult(RequestResult);` or `pub struct X(ErrResult);`: a read, or an
///   operation nobody waits for. It converts `From<RequestResult>`, `From<Error>` and
///   `From<Result<RequestResult, Error>>`, so that an operation is one expression: check the
///   input, send, convert.
/// - `pub struct UpdateResult(ErrResult) sent;` or
///   `pub struct CreateResult(RequestResult) sent -> Vec<Node>;`: a change of a load balancer.
///   It is built by the generated `sent(ChangeTarget::new(client, lb_id), request)`, keeps the
///   target, and has `and_wait(&WaitOpts)`: `extract_err` (or the crate's `extract`, returning
///   the given type), then a wait until the load balancer is `ACTIVE` again, through
///   [`ChangeTarget::wait_then`](crate::kit::ChangeTarget::wait_then).
/// - `sent(path)` in place of `sent`: the same, waiting through `path` instead, a function
///   `fn(&ChangeTarget, &WaitOpts, T) -> Result<T, Error>` (a creation waits for the new id, a
///   deletion for the load balancer to be gone).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::kit::{ChangeTarget, check_id, result_type};
/// use rackcloud_core::{Error, ErrorKind, ServiceClient, WaitOpts};
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
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
///         Ok(body["loadBalancer"]["name"].as_str().unwrap_or_default().to_owned())
///     }
/// }
///
/// result_type! {
///     /// The result of `rename`.
///     pub struct RenameResult(ErrResult) sent;
/// }
///
/// // A read: check, send, convert.
/// fn get(client: &ServiceClient, id: u64) -> GetResult {
///     check_id("load balancer", id).map(|()| client.get(&client.lb_url(id, &[]))).into()
/// }
///
/// // A change: check, send, keep the target.
/// fn rename(client: &ServiceClient, id: u64, name: &str) -> RenameResult {
///     let body = serde_json::json!({"loadBalancer": {"name": name}});
///     let sent = check_id("load balancer", id).map(|()| client.put(&client.lb_url(id, &[]), &body));
///     RenameResult::sent(ChangeTarget::new(client, id), sent)
/// }
///
/// rename(&client, 1, "shop").and_wait(&WaitOpts::new())?;
/// assert_eq!(get(&client, 1).extract()?, "shop");
///
/// let refused = rename(&client, 0, "shop");
/// assert_eq!(refused.status(), None);
/// assert_eq!(refused.extract_err().unwrap_err().kind(), ErrorKind::InvalidInput);
/// # Ok(())
/// # }
/// ```
#[doc(hidden)]
#[macro_export]
// The generated docs link to `rackcloud_core::…`, not `$crate::…`: `$crate` is not replaced
// inside doc text, and the link is resolved in the service crate that expands the macro.
macro_rules! result_type {
    ($(#[$attr:meta])* $vis:vis struct $name:ident(RequestResult);) => {
        $(#[$attr])*
        #[derive(Debug)]
        $vis struct $name($crate::RequestResult);

        $crate::result_type!(@accessors $name);
        $crate::result_type!(@from_sent $name, $crate::RequestResult);
    };
    ($(#[$attr:meta])* $vis:vis struct $name:ident(ErrResult);) => {
        $(#[$attr])*
        #[derive(Debug)]
        $vis struct $name($crate::ErrResult);

        $crate::result_type!(@accessors $name);
        $crate::result_type!(@err_methods $name);
        $crate::result_type!(@from_sent $name, $crate::ErrResult);
    };
    ($(#[$attr:meta])* $vis:vis struct $name:ident(ErrResult) sent;) => {
        $crate::result_type! {
            $(#[$attr])*
            $vis struct $name(ErrResult) sent($crate::kit::ChangeTarget::wait_then);
        }
    };
    ($(#[$attr:meta])* $vis:vis struct $name:ident(ErrResult) sent($wait:path);) => {
        $(#[$attr])*
        #[derive(Debug)]
        $vis struct $name(
            $crate::ErrResult,
            ::std::option::Option<$crate::kit::ChangeTarget>,
        );

        $crate::result_type!(@accessors $name);
        $crate::result_type!(@err_methods $name);
        $crate::result_type!(@change $name, $crate::ErrResult);

        impl $name {
            /// [`extract_err`](Self::extract_err), then waits until the change is applied: the
            /// one way to wait for a change (docs/adding-a-service-crate.md, "Waiting").
            ///
            /// # Errors
            ///
            /// The change's error (then nothing is awaited), or the wait's: a
            /// [`Timeout`](rackcloud_core::ErrorKind::Timeout) naming the last status seen, a
            /// [`FinalState`](rackcloud_core::ErrorKind::FinalState), a poll's final answer.
            pub fn and_wait(
                self,
                wait: &$crate::WaitOpts,
            ) -> ::std::result::Result<(), $crate::Error> {
                let target = self.1;
                self.0.extract_err()?;
                match target {
                    ::std::option::Option::Some(target) => $wait(&target, wait, ()),
                    ::std::option::Option::None => ::std::result::Result::Ok(()),
                }
            }

            /// For a removal that may find nothing to remove:
            /// [`extract_removal`](Self::extract_removal), then waits only when something was
            /// removed (the idempotent twin of [`and_wait`](Self::and_wait)).
            ///
            /// # Errors
            ///
            /// As [`and_wait`](Self::and_wait), except
            /// [`AlreadyDisabled`](rackcloud_core::ErrorKind::AlreadyDisabled), which is
            /// [`NothingToRemove`](rackcloud_core::Removal::NothingToRemove).
            pub fn removal_and_wait(
                self,
                wait: &$crate::WaitOpts,
            ) -> ::std::result::Result<$crate::Removal, $crate::Error> {
                let target = self.1;
                match (self.0.extract_removal()?, target) {
                    ($crate::Removal::Removed, ::std::option::Option::Some(target)) => {
                        $wait(&target, wait, ())?;
                        ::std::result::Result::Ok($crate::Removal::Removed)
                    }
                    (removal, _) => ::std::result::Result::Ok(removal),
                }
            }
        }
    };
    ($(#[$attr:meta])* $vis:vis struct $name:ident(RequestResult) sent -> $value:ty;) => {
        $crate::result_type! {
            $(#[$attr])*
            $vis struct $name(RequestResult) sent($crate::kit::ChangeTarget::wait_then) -> $value;
        }
    };
    ($(#[$attr:meta])* $vis:vis struct $name:ident(RequestResult) sent($wait:path) -> $value:ty;) => {
        $(#[$attr])*
        #[derive(Debug)]
        $vis struct $name(
            $crate::RequestResult,
            ::std::option::Option<$crate::kit::ChangeTarget>,
        );

        $crate::result_type!(@accessors $name);
        $crate::result_type!(@change $name, $crate::RequestResult);

        impl $name {
            /// `extract`, then waits until the change is applied, and returns what `extract`
            /// returned: the one way to wait for a change (docs/adding-a-service-crate.md,
            /// "Waiting").
            ///
            /// # Errors
            ///
            /// The change's error (then nothing is awaited), or the wait's: a
            /// [`Timeout`](rackcloud_core::ErrorKind::Timeout) naming the last status seen, a
            /// [`FinalState`](rackcloud_core::ErrorKind::FinalState), a poll's final answer.
            pub fn and_wait(
                mut self,
                wait: &$crate::WaitOpts,
            ) -> ::std::result::Result<$value, $crate::Error> {
                let target = self.1.take();
                let value = self.extract()?;
                match target {
                    ::std::option::Option::Some(target) => $wait(&target, wait, value),
                    ::std::option::Option::None => ::std::result::Result::Ok(value),
                }
            }
        }
    };
    (@err_methods $name:ident) => {
        impl $name {
            /// Success when the server accepted the request, or the request's error; the body,
            /// if any, is not read (an empty 202 is a success).
            ///
            /// # Errors
            ///
            /// The request's [`Error`](rackcloud_core::Error), including invalid input refused before
            /// anything was sent.
            pub fn extract_err(self) -> ::std::result::Result<(), $crate::Error> {
                self.0.extract_err()
            }

            /// For a removal: [`Removed`](rackcloud_core::Removal::Removed) when the server accepted
            /// it, [`NothingToRemove`](rackcloud_core::Removal::NothingToRemove) for its 422 "already
            /// disabled" answer.
            ///
            /// # Errors
            ///
            /// Every error of `extract_err` except
            /// [`AlreadyDisabled`](rackcloud_core::ErrorKind::AlreadyDisabled).
            pub fn extract_removal(self) -> ::std::result::Result<$crate::Removal, $crate::Error> {
                self.0.extract_removal()
            }
        }
    };
    (@accessors $name:ident) => {
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
    };
    (@from_sent $name:ident, $inner:ty) => {
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
    (@change $name:ident, $inner:ty) => {
        impl $name {
            /// The result of a change sent to `target`: `sent` is the request, or the error
            /// that refused its input before anything was sent (then nothing is awaited).
            #[allow(dead_code)]
            pub(crate) fn sent(
                target: $crate::kit::ChangeTarget,
                sent: ::std::result::Result<$crate::RequestResult, $crate::Error>,
            ) -> $name {
                match sent {
                    ::std::result::Result::Ok(result) => {
                        $name(<$inner>::from(result), ::std::option::Option::Some(target))
                    }
                    ::std::result::Result::Err(refused) => {
                        $name(<$inner>::from(refused), ::std::option::Option::None)
                    }
                }
            }
        }

        impl ::std::convert::From<$crate::Error> for $name {
            fn from(error: $crate::Error) -> $name {
                $name(<$inner>::from(error), ::std::option::Option::None)
            }
        }
    };
}
