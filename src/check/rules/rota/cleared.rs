//! What a carer assigned to a visit must hold on its day: each skill the
//! visit needs (an assessed skill with its assessment in force), and a
//! DBS check, a right to work and the courses of the visit's skills in
//! date. The rota engine asks the same of [`Carer::bars_on`].

use super::{Planned, carer_name};
use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::diag::nearest;
use crate::index::RuleVisit;
use crate::model::competence::{Bar, Standing};
use crate::model::{Carer, Rota};

/// `rota/skill`: a skill the visit needs that the carer does not hold on
/// the day (an assessed skill needs its assessment in force).
pub(super) fn skills(
    cx: &Context,
    rota: At<Rota>,
    p: &Planned,
    rule: RuleVisit,
    carer: &Carer,
    pointer: &str,
    out: &mut Vec<Finding>,
) {
    let date = p.visit.date.0;
    let missing: Vec<(&str, Standing)> = rule
        .visit
        .skills
        .iter()
        .map(|s| (s.as_str(), carer.skill_on(s, date, cx.policy)))
        .filter(|(_, st)| *st != Standing::Held)
        .collect();
    if missing.is_empty() {
        return;
    }
    let names: Vec<String> = missing
        .iter()
        .map(|(s, st)| match st {
            Standing::Lapsed(d) => format!("{s} (assessment lapsed {d})"),
            Standing::NotSignedOff => format!("{s} (not signed off by a clinician)"),
            _ => (*s).to_owned(),
        })
        .collect();
    let help = missing
        .iter()
        .find_map(|(m, st)| {
            if *st != Standing::Missing {
                return None;
            }
            let near = nearest(m, carer.skills.iter().map(String::as_str))?;
            (near != *m).then(|| {
                format!(
                    "the visit needs `{m}` and {} lists `{near}`: skills must match exactly, \
                     case included; correct the one misspelt",
                    carer.name
                )
            })
        })
        .unwrap_or_else(|| {
            "assign a carer with the skills, or record the carer's training and assessment \
             (`competencies:`)"
                .to_owned()
        });
    out.push(
        cx.finding(
            Code::RotaSkill,
            rota.entry,
            pointer,
            format!(
                "{} lacks {} {}, needed for {}",
                carer_name(carer),
                if missing.len() == 1 {
                    "skill"
                } else {
                    "skills"
                },
                names.join(", "),
                p.describe()
            ),
        )
        .help(help)
        .related(
            cx.site(rule.rules.entry, &format!("/visits/{}/skills", rule.index)),
            "the skills the visit needs",
        ),
    );
}

/// `rota/not-cleared`: the carer's DBS, right to work or a course the
/// visit's skills need is missing or lapsed on the day.
pub(super) fn cleared(
    cx: &Context,
    rota: At<Rota>,
    p: &Planned,
    rule: RuleVisit,
    carer: &Carer,
    pointer: &str,
    out: &mut Vec<Finding>,
) {
    let bars: Vec<String> = carer
        .bars_on(p.visit.date.0, &rule.visit.skills, cx.policy)
        .iter()
        .filter(|b| !matches!(b, Bar::Skill(..)))
        .map(Bar::describe)
        .collect();
    if bars.is_empty() {
        return;
    }
    out.push(
        cx.finding(
            Code::RotaNotCleared,
            rota.entry,
            pointer,
            format!(
                "{} may not be sent to {}: {}",
                carer_name(carer),
                p.describe(),
                bars.join("; ")
            ),
        )
        .help(
            "assign a carer whose checks and training are in date that day, or bring the \
             carer's record up to date first",
        ),
    );
}
