//! The size of a generated agency: service users and carers. `--sizes
//! 50,200,500` names service users and scales carers as the issue's week
//! has them (90 carers to 200 people); `50:30` names both.

use std::fmt;

/// Service users and carers of one generated agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Size {
    /// Service users.
    pub service_users: usize,
    /// Carers.
    pub carers: usize,
}

impl Size {
    /// The issue's week: 200 service users and 90 carers.
    pub const DEFAULT: Size = Size {
        service_users: 200,
        carers: 90,
    };

    /// `service_users` with carers in the default's ratio (9 to 20),
    /// rounded up: 50 → 23, 200 → 90, 500 → 225. At 50 and 500 the
    /// generator's agencies check clean with `--faults 0`.
    pub fn scaled(service_users: usize) -> Size {
        Size {
            service_users,
            carers: service_users.saturating_mul(9).div_ceil(20),
        }
    }

    /// Reads `PEOPLE` (carers scaled) or `PEOPLE:CARERS`, each at least 1.
    pub fn parse(spec: &str) -> Result<Size, String> {
        let number = |s: &str| {
            s.trim()
                .parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| {
                    format!("`{spec}` is not a size: service users, or service users:carers (e.g. 50 or 50:25)")
                })
        };
        match spec.split_once(':') {
            Some((people, carers)) => Ok(Size {
                service_users: number(people)?,
                carers: number(carers)?,
            }),
            None => Ok(Size::scaled(number(spec)?)),
        }
    }

    /// Reads a comma-separated list of sizes (`50,200,500`), none twice.
    pub fn parse_list(list: &str) -> Result<Vec<Size>, String> {
        let mut sizes = Vec::new();
        for spec in list.split(',') {
            let size = Size::parse(spec)?;
            if sizes.contains(&size) {
                return Err(format!("the size {size} is named twice in `{list}`"));
            }
            sizes.push(size);
        }
        Ok(sizes)
    }
}

/// `200/90`: service users, then carers.
impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}/{}", self.service_users, self.carers)
    }
}

#[cfg(test)]
mod tests {
    use super::Size;

    fn size(service_users: usize, carers: usize) -> Size {
        Size {
            service_users,
            carers,
        }
    }

    #[test]
    fn carers_are_scaled_as_the_issues_week_has_them() {
        assert_eq!(Size::scaled(200), Size::DEFAULT);
        assert_eq!(Size::scaled(50), size(50, 23));
        assert_eq!(Size::scaled(500), size(500, 225));
        assert_eq!(Size::scaled(1), size(1, 1));
    }

    #[test]
    fn a_list_of_sizes_reads_people_or_people_and_carers() {
        assert_eq!(
            Size::parse_list("50,200,500"),
            Ok(vec![size(50, 23), Size::DEFAULT, size(500, 225)])
        );
        assert_eq!(Size::parse_list("60:25"), Ok(vec![size(60, 25)]));
        for bad in ["", "0", "50,", "fifty", "50:0", "50:x", "-5", "200,200:90"] {
            assert!(Size::parse_list(bad).is_err(), "{bad}");
        }
        assert_eq!(Size::DEFAULT.to_string(), "200/90");
    }
}
