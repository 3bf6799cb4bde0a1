//! The app's pages: the drafts list, a draft's task list, its steps, the
//! check page, the reviews page and the meetings page.

mod check;
mod consent;
mod documents;
mod drafts;
mod handout;
mod lock;
mod meetings;
mod return_link;
mod reviews;
mod sibling;
mod signature;
mod specials;
mod step;
pub(crate) mod suggest;
mod task_list;

pub use check::CheckPage;
pub use documents::DocumentButtons;
pub use drafts::DraftsPage;
pub use handout::{HandoutPage, InvitationPage};
pub use lock::{LockPanel, LockedExport, LockedImport, UnlockPage};
pub use meetings::{meetings_available, MeetingsPage};
pub use return_link::ReturnToTaskList;
pub use reviews::ReviewsPage;
pub use step::StepPage;
pub use task_list::TaskListPage;
