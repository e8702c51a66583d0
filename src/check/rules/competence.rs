//! Assessed competencies (`policy.assessed_skills`): a carer who lists
//! such a skill, or has been assessed in it, needs an assessment in force
//! (and a clinician's sign-off for clinical tasks). Medication is assessed
//! yearly by default for anyone who gives medicines.

use super::staff::ago;
use crate::check::context::{At, Context};
use crate::diag::Code;
use crate::diag::Finding;
use crate::model::carer::Carer;
use crate::model::competence::Standing;
use std::collections::BTreeSet;

/// Adds the competency findings of carer `c`.
pub(super) fn check(cx: &Context, c: At<Carer>, out: &mut Vec<Finding>) {
    let (e, r) = (c.entry, c.record);
    let skills: BTreeSet<&str> = r
        .skills
        .iter()
        .map(String::as_str)
        .chain(r.competencies.iter().map(|k| k.skill.as_str()))
        .filter(|s| cx.policy.assessed_skills.contains_key(*s))
        .collect();
    for skill in skills {
        let latest = r
            .competencies
            .iter()
            .enumerate()
            .filter(|(_, k)| k.skill == skill)
            .max_by_key(|(_, k)| k.assessed);
        let listed = r.skills.iter().position(|s| s == skill);
        let pointer = match (latest, listed) {
            (Some((i, _)), _) => format!("/competencies/{i}"),
            (None, Some(k)) => format!("/skills/{k}"),
            (None, None) => "/id".to_owned(),
        };
        let rule = &cx.policy.assessed_skills[skill];
        let (code, message, help) = match r.skill_on(skill, cx.today, cx.policy) {
            Standing::Held => continue,
            Standing::Missing => (
                Code::CompetencyMissing,
                format!(
                    "{} lists skill `{skill}`, but no assessment of it is recorded",
                    r.name
                ),
                format!(
                    "observe the carer in practice and record `- {{skill: {skill}, assessed: \
                     YYYY-MM-DD, assessor: ...}}` under `competencies:`; until then the carer \
                     is not given visits that need `{skill}`"
                ),
            ),
            Standing::NotSignedOff => (
                Code::CompetencyMissing,
                format!(
                    "{}'s `{skill}` competency has no clinician's sign-off, which a clinical \
                     task needs",
                    r.name
                ),
                "have the clinician who trained the carer (e.g. the district nurse) sign the \
                 competency off and record `signed_off_by:` and `expires:`"
                    .to_owned(),
            ),
            Standing::Lapsed(end) => (
                Code::CompetencyExpired,
                format!(
                    "{}'s `{skill}` competency lapsed on {end}, {}",
                    r.name,
                    ago(cx, end)
                ),
                format!(
                    "reassess the carer in practice and add the new assessment under \
                     `competencies:`; the agency's policy reassesses every {} months \
                     (`assessed_skills`)",
                    rule.every_months
                ),
            ),
        };
        out.push(cx.finding(code, e, &pointer, message).help(help));
    }
}
