//! How a plan reads for a reviewer: each change's resource, what happens to it (`+` added, `~`
//! changed in place, `-` removed) and its values before and after (`port 80 → 8080`).
//!
//! A [`Change`] is one API operation; a bulk operation (several nodes added in one request)
//! shows one [`ChangeView`] per resource it touches.

mod items;
mod settings;
mod view;

use crate::change::Change;
use crate::current::Current;
use items::item_views;
use settings::setting_views;

pub use view::{ChangeAction, ChangeView};

/// The views of `change`, made on the load balancer `have` (what the account has, or what the
/// creation before it makes).
pub(crate) fn views(change: &Change, have: &Current) -> Vec<ChangeView> {
    match change {
        Change::AddVirtualIp(_)
        | Change::RemoveVirtualIps { .. }
        | Change::AddNodes(_)
        | Change::UpdateNode { .. }
        | Change::RemoveNodes { .. }
        | Change::AppendAccess(_)
        | Change::RemoveAccess { .. }
        | Change::AddMetadata(_)
        | Change::UpdateMetadata { .. }
        | Change::RemoveMetadata { .. } => item_views(change, have),
        _ => setting_views(change, have),
    }
}
