//! The custom error page: `GET`/`PUT`/`DELETE /loadbalancers/{id}/errorpage`
//! (docs/api/logging-caching-errorpage.md).

use rackcloud_core::kit::{check_id, result_type};
use rackcloud_core::{Error, ServiceClient, WaitOpts};
use serde::Deserialize;
use serde_json::json;

use crate::settings::SettingResult;
use crate::urls::part_url;
use rackcloud_core::{change_and_wait, wait_until_active};

result_type! {
    /// The result of [`get_error_page`].
    #[must_use = "call extract to read the page"]
    pub struct ErrorPageResult(RequestResult);
}

impl ErrorPageResult {
    /// The HTML the load balancer shows when no node can answer: the custom page, or the
    /// service's default page when none is set.
    ///
    /// # Errors
    ///
    /// The request's error (404, 410, …), or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not `{"errorpage":{"content":"…"}}`.
    pub fn extract(self) -> Result<String, Error> {
        let body: PageBody = self.0.extract_json()?;
        Ok(body.errorpage.content)
    }
}

/// `{"errorpage":{"content":"…"}}` (note the lower-case root key).
#[derive(Deserialize)]
struct PageBody {
    errorpage: Content,
}

#[derive(Deserialize)]
struct Content {
    content: String,
}

/// Reads the error page of load balancer `lb_id` (`GET …/errorpage`).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use lb_lbs::WaitOpts;
///
/// let page = "<html><body>Back soon.</body></html>";
/// lb_lbs::set_error_page_and_wait(&client, 1, page, &WaitOpts::new())?;
/// assert_eq!(lb_lbs::get_error_page(&client, 1).extract()?, page);
///
/// lb_lbs::delete_error_page_and_wait(&client, 1, &WaitOpts::new())?;
/// assert_ne!(lb_lbs::get_error_page(&client, 1).extract()?, page);
/// # Ok(())
/// # }
/// ```
pub fn get_error_page(client: &ServiceClient, lb_id: u64) -> ErrorPageResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&part_url(client, lb_id, "errorpage")))
        .into()
}

/// Sets the custom error page (`PUT …/errorpage`, `{"errorpage":{"content":"…"}}`): only on
/// `HTTP` load balancers (400 otherwise). An empty page is refused before sending.
pub fn set_error_page(client: &ServiceClient, lb_id: u64, html: &str) -> SettingResult {
    if let Err(e) = check_id("load balancer", lb_id) {
        return SettingResult::from(e);
    }
    if html.trim().is_empty() {
        return SettingResult::from(Error::invalid_input(
            "the error page is empty: give the HTML to show",
        ));
    }
    let body = json!({"errorpage": {"content": html}});
    SettingResult::from(client.put(&part_url(client, lb_id, "errorpage"), &body))
}

/// Restores the default error page (`DELETE …/errorpage`).
pub fn delete_error_page(client: &ServiceClient, lb_id: u64) -> SettingResult {
    check_id("load balancer", lb_id)
        .map(|()| client.delete(&part_url(client, lb_id, "errorpage")))
        .into()
}

/// [`set_error_page`], then waits until it is applied.
///
/// The error page's 422 does not name the load balancer's status, so the client's retry
/// policy cannot tell a busy load balancer from a broken one and does not repeat it: this
/// function waits until the load balancer is `ACTIVE` (which fails at once on a final status)
/// and sends the page once more.
///
/// # Errors
///
/// The change's error, or the wait's (see [`rackcloud_core::wait_until_active`]).
pub fn set_error_page_and_wait(
    client: &ServiceClient,
    lb_id: u64,
    html: &str,
    wait: &WaitOpts,
) -> Result<(), Error> {
    change_and_wait(client, lb_id, wait, |c, id| {
        again_when_busy(c, id, wait, || set_error_page(c, id, html).extract_err())
    })
}

/// [`delete_error_page`], then waits until it is applied (repeated once after a wait, like
/// [`set_error_page_and_wait`]).
///
/// # Errors
///
/// As [`set_error_page_and_wait`].
pub fn delete_error_page_and_wait(
    client: &ServiceClient,
    lb_id: u64,
    wait: &WaitOpts,
) -> Result<(), Error> {
    change_and_wait(client, lb_id, wait, |c, id| {
        again_when_busy(c, id, wait, || delete_error_page(c, id).extract_err())
    })
}

/// Sends, and once more after waiting for `ACTIVE` when refused with a 422 that names no
/// status (this operation's wording of the immutable answer).
fn again_when_busy(
    client: &ServiceClient,
    lb_id: u64,
    wait: &WaitOpts,
    mut send: impl FnMut() -> Result<(), Error>,
) -> Result<(), Error> {
    match send() {
        Err(e) if e.status() == Some(422) && e.lb_status().is_none() => {
            wait_until_active(client, lb_id, wait)?;
            send()
        }
        other => other,
    }
}
