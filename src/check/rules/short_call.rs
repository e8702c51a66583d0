//! `visit/short-call` (NICE NG21): a visit under 30 minutes should not be
//! used for personal care, unless a shorter visit was agreed for that task
//! (who agreed, when and why). Personal care is read from the tasks'
//! words, not only the literal "personal care".

use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::VisitRules;
use crate::model::visit_rules::Visit;

/// NICE NG21: home care visits shorter than this should not be used for
/// personal care.
const SHORT_CALL_MINUTES: u32 = 30;

/// Words that make a task personal care (Health and Social Care Act 2008
/// (Regulated Activities) Regulations, Schedule 1: help with washing,
/// dressing, toileting, oral care, care of skin, hair and nails, eating
/// and drinking): a task is personal care when a word of it starts with one
/// of these.
const PERSONAL_CARE_STEMS: &[&str] = &[
    "wash",
    "shower",
    "bath",
    "dress",
    "undress",
    "toilet",
    "continen",
    "incontinen",
    "catheter",
    "stoma",
    "commode",
    "pad",
    "shav",
    "teeth",
    "denture",
    "hair",
    "nail",
    "cream",
    "feed",
    "peg",
    "intimate",
];

/// Phrases that make a task personal care.
const PERSONAL_CARE_PHRASES: &[&str] = &[
    "personal care",
    "oral care",
    "mouth care",
    "skin care",
    "foot care",
    "help to eat",
    "assist to eat",
];

/// Whether a task is personal care, however it is written: `continence
/// care`, `Strip wash`, `personal-care`.
fn is_personal_care(task: &str) -> bool {
    let text = task.to_lowercase().replace(['-', '_'], " ");
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    PERSONAL_CARE_PHRASES.iter().any(|p| joined.contains(p))
        || words
            .iter()
            .any(|w| PERSONAL_CARE_STEMS.iter().any(|s| w.starts_with(s)))
}

/// Whether two tasks are the same, ignoring case and spacing.
fn same_task(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .map(str::to_lowercase)
        .eq(b.split_whitespace().map(str::to_lowercase))
}

/// Adds the finding for visit `i` of `vr`, for person `name`, to `out`.
pub(super) fn check(
    cx: &Context,
    vr: At<VisitRules>,
    i: usize,
    visit: &Visit,
    name: &str,
    out: &mut Vec<Finding>,
) {
    if visit.duration.minutes() >= SHORT_CALL_MINUTES {
        return;
    }
    // Personal-care tasks with no agreed exception for a shorter visit.
    let unagreed: Vec<(usize, &String)> = visit
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| is_personal_care(t))
        .filter(|(_, t)| {
            !visit
                .short_visit_agreed
                .iter()
                .any(|a| same_task(&a.task, t))
        })
        .collect();
    if unagreed.is_empty() {
        return;
    }
    let tasks: Vec<String> = unagreed.iter().map(|(_, t)| format!("`{t}`")).collect();
    out.push(
        cx.finding(
            Code::VisitShortCall,
            vr.entry,
            &format!("/visits/{i}/duration"),
            format!(
                "{name}'s `{}` visit lasts {} but includes personal care ({}); \
                 NICE guidance (NG21) is at least 30 minutes",
                visit.label,
                visit.duration,
                tasks.join(", ")
            ),
        )
        .help(
            "make the visit at least 30m, or move personal care to a longer visit; if a shorter \
             visit was agreed for this task, record it under the visit's `short_visit_agreed:` \
             as `- {task, agreed_by, agreed_on, reason}`",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_care_is_read_from_the_words() {
        for task in [
            "Personal-care",
            "strip wash",
            "continence care",
            "PEG feed",
            "shave",
        ] {
            assert!(is_personal_care(task), "{task}");
        }
        for task in ["medication", "address book", "wheelchair", "lunch", "bed"] {
            assert!(!is_personal_care(task), "{task}");
        }
        assert!(same_task("Continence  care", "continence care"));
        assert!(!same_task("continence care", "continence"));
    }
}
