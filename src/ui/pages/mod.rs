//! The app's pages: the drafts list, a draft's task list, its steps and the
//! check page.

mod specials;
mod step;
mod task_list;

pub use step::StepPage;
pub use task_list::TaskListPage;
