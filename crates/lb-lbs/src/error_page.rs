//! The custom error page: `GET`/`PUT`/`DELETE /loadbalancers/{id}/errorpage`
//! (docs/api/logging-caching-errorpage.md).

use rackcloud_core::kit::{ChangeTarget, check_id, result_type};
use rackcloud_core::{Error, ServiceClient};
use serde::Deserialize;
use serde_json::json;

use crate::settings::SettingResult;
use crate::urls::part_url;

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
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let page = "<html><body>Back soon.</body></html>";
/// lb_lbs::set_error_page(&client, 1, page).and_wait(&WaitOpts::new())?;
/// assert_eq!(lb_lbs::get_error_page(&client, 1).extract()?, page);
///
/// lb_lbs::delete_error_page(&client, 1).and_wait(&WaitOpts::new())?;
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
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| {
            if html.trim().is_empty() {
                return Err(Error::invalid_input(
                    "the error page is empty: give the HTML to show",
                ));
            }
            Ok(json!({"errorpage": {"content": html}}))
        })
        .map(|body| client.put(&part_url(client, lb_id, "errorpage"), &body));
    SettingResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Restores the default error page (`DELETE …/errorpage`).
pub fn delete_error_page(client: &ServiceClient, lb_id: u64) -> SettingResult {
    let sent = check_id("load balancer", lb_id)
        .map(|()| client.delete(&part_url(client, lb_id, "errorpage")));
    SettingResult::sent(ChangeTarget::new(client, lb_id), sent)
}
