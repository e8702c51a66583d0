//! Rotas by ISO week, each with the file it was read from.

use super::Index;
use crate::load::Entry;
use crate::model::Rota;
use crate::model::values::Week;

/// A rota and the file it was read from.
#[derive(Debug, Clone, Copy)]
pub struct RotaFile<'a> {
    /// The rota.
    pub rota: &'a Rota,
    /// Its file, relative to the repository root.
    pub file: &'a str,
    /// Its entry, for positions.
    pub entry: &'a Entry,
}

impl<'a> Index<'a> {
    /// Every rota of `week`, in path order.
    pub fn rotas_of_week(&self, week: Week) -> &[RotaFile<'a>] {
        self.rotas_by_week.get(&week).map_or(&[], Vec::as_slice)
    }

    /// The rota of `week`: when there are several, the one whose file
    /// path sorts first.
    pub fn rota_of_week(&self, week: Week) -> Option<RotaFile<'a>> {
        self.rotas_of_week(week)
            .iter()
            .min_by_key(|r| r.file)
            .copied()
    }
}
