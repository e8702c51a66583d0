//! The recurring-slot view of the week.

use crate::rota::engine::problem::{Problem, TaskId};
use std::collections::HashMap;

/// The recurring-slot view of the week: tasks of one client at the same
/// time of day, of the same length and the same half of a double-up, one
/// per day.
#[derive(Debug, Clone, Default)]
pub struct Slots {
    /// For each slot, its tasks, earliest first.
    pub tasks: Vec<Vec<TaskId>>,
    /// For each task, its slot.
    pub of_task: Vec<usize>,
    /// For each client, every task.
    pub of_client: Vec<Vec<TaskId>>,
}

impl Slots {
    /// Groups the problem's tasks into slots.
    pub fn new(problem: &Problem, together: &[Option<TaskId>]) -> Slots {
        let mut key_of: HashMap<(usize, i64, i64, bool), usize> = HashMap::new();
        let mut slots = Slots {
            of_client: vec![Vec::new(); problem.clients],
            ..Slots::default()
        };
        for (t, task) in problem.tasks.iter().enumerate() {
            let second_half = together.get(t).copied().flatten().is_some_and(|p| p < t);
            let key = (
                task.client,
                task.window.start.rem_euclid(1440.0).round() as i64,
                task.duration.round() as i64,
                second_half,
            );
            let next = slots.tasks.len();
            let s = *key_of.entry(key).or_insert(next);
            if s == next {
                slots.tasks.push(Vec::new());
            }
            slots.tasks[s].push(t);
            slots.of_task.push(s);
            if let Some(list) = slots.of_client.get_mut(task.client) {
                list.push(t);
            }
        }
        for list in &mut slots.tasks {
            list.sort_by(|&a, &b| {
                let w = |t: TaskId| problem.tasks[t].window.start;
                w(a).total_cmp(&w(b))
            });
        }
        slots
    }
}

#[cfg(test)]
mod tests {
    use super::Slots;
    use crate::rota::engine::fixture::problem;
    use crate::rota::engine::index::Index;
    use crate::rota::engine::problem::Interval;

    #[test]
    fn a_slot_is_one_clients_visit_at_the_same_time_each_day() {
        let mut p = problem(1);
        // Client 0's task 0 on day 0 and a copy on day 1 at the same time.
        let mut copy = p.tasks[4].clone();
        copy.client = p.tasks[4].client;
        copy.window = Interval {
            start: p.tasks[4].window.start + 1440.0,
            end: p.tasks[4].window.end + 1440.0,
        };
        p.tasks.push(copy);
        let last = p.tasks.len() - 1;
        let index = Index::new(&p);
        let slots = Slots::new(&p, &index.together);
        assert_eq!(slots.of_task[4], slots.of_task[last]);
        assert_eq!(slots.tasks[slots.of_task[4]], vec![4, last]);
        // The two halves of the double-up (tasks 0 and 2) are two slots.
        assert_ne!(slots.of_task[0], slots.of_task[2]);
        let client = p.tasks[4].client;
        assert!(slots.of_client[client].contains(&4) && slots.of_client[client].contains(&last));
    }
}
