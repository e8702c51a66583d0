//! The arguments of `rota-bench week`, read into a [`Config`].

use super::run::{Config, Planner};
use super::size::Size;
use std::path::{Path, PathBuf};

/// The usage of `rota-bench week`.
pub const USAGE: &str =
    "  rota-bench week [--sizes 200 (service users, or PEOPLE:CARERS; e.g. 50,200,500)]
                  [--service-users 200] [--carers 90] [--seeds 1,2] [--rounds 1]
                  [--carebook LABEL=PATH [ARGS]]... [--ortools-seconds 60 (0: leave out)]
                  [--no-greedy] [--peers ../shared/bench/peers] [--work DIR]
                  [--week 2026-W49] [--today 2026-11-23]";

/// Reads `rota-bench week`'s arguments. `exe` is the running `rota-bench`:
/// the greedy's program, and the folder of the default `carebook`.
///
/// `--sizes` lists agencies by service users (carers scaled as
/// [`Size::scaled`]) or `PEOPLE:CARERS`; `--service-users` and `--carers`
/// name one agency as before (200 and 90 unless given), so they do not go
/// with `--sizes`.
pub fn parse(args: &[String], exe: Option<&Path>) -> Result<Config, String> {
    let mut cfg = Config {
        sizes: vec![Size::DEFAULT],
        seeds: vec![1, 2],
        rounds: 1,
        planners: Vec::new(),
        greedy: exe.map(Path::to_path_buf),
        ortools_seconds: Some(60.0),
        peers: PathBuf::from("../shared/bench/peers"),
        work: std::env::temp_dir().join("rota-bench-week"),
        week: "2026-W49".into(),
        today: "2026-11-23".into(),
    };
    let (mut sizes, mut people, mut carers) = (None, None, None);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--no-greedy" {
            cfg.greedy = None;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: not a number `{v}`"))
        };
        match flag.as_str() {
            "--sizes" => sizes = Some(Size::parse_list(value)?),
            "--service-users" => people = Some(number(value)? as usize),
            "--carers" => carers = Some(number(value)? as usize),
            "--rounds" => cfg.rounds = number(value)?.max(1) as usize,
            "--seeds" => {
                cfg.seeds = value.split(',').map(number).collect::<Result<_, _>>()?;
            }
            "--carebook" => cfg.planners.push(Planner::parse(value)?),
            "--ortools-seconds" => {
                let s: f64 = value.parse().map_err(|_| format!("{flag}: `{value}`"))?;
                cfg.ortools_seconds = (s > 0.0).then_some(s);
            }
            "--peers" => cfg.peers = PathBuf::from(value),
            "--work" => cfg.work = PathBuf::from(value),
            "--week" => cfg.week = value.clone(),
            "--today" => cfg.today = value.clone(),
            other => return Err(format!("unknown option {other}")),
        }
    }
    match (sizes, people.is_some() || carers.is_some()) {
        (Some(_), true) => {
            return Err(
                "--sizes names the agencies: leave out --service-users and --carers".into(),
            );
        }
        (Some(list), false) => cfg.sizes = list,
        (None, true) => {
            cfg.sizes = vec![Size {
                service_users: people.unwrap_or(Size::DEFAULT.service_users),
                carers: carers.unwrap_or(Size::DEFAULT.carers),
            }];
        }
        (None, false) => {}
    }
    if cfg.planners.is_empty() {
        let dir = exe.and_then(Path::parent).unwrap_or(Path::new(""));
        cfg.planners.push(Planner {
            label: "carebook".into(),
            program: dir.join("carebook"),
            args: Vec::new(),
        });
    }
    Ok(cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_args(args: &str) -> Result<Config, String> {
        let args: Vec<String> = args.split_whitespace().map(str::to_owned).collect();
        parse(&args, Some(Path::new("/opt/bench/rota-bench")))
    }

    fn size(service_users: usize, carers: usize) -> Size {
        Size {
            service_users,
            carers,
        }
    }

    #[test]
    fn by_default_the_issues_week_beside_the_peers() {
        let cfg = parse_args("").expect("parses");
        assert_eq!(cfg.sizes, vec![size(200, 90)]);
        assert_eq!(cfg.seeds, vec![1, 2]);
        assert_eq!(cfg.ortools_seconds, Some(60.0));
        assert_eq!(cfg.greedy, Some(PathBuf::from("/opt/bench/rota-bench")));
        assert_eq!(
            cfg.planners[0].program,
            PathBuf::from("/opt/bench/carebook")
        );
    }

    #[test]
    fn sizes_list_agencies_with_carers_scaled_or_named() {
        let cfg = parse_args("--sizes 50,200,500 --seeds 3").expect("parses");
        assert_eq!(cfg.sizes, vec![size(50, 23), size(200, 90), size(500, 225)]);
        assert_eq!(cfg.seeds, vec![3]);
        let cfg = parse_args("--sizes 60:30").expect("parses");
        assert_eq!(cfg.sizes, vec![size(60, 30)]);
        assert!(parse_args("--sizes 50,zero").is_err());
        assert!(parse_args("--sizes").is_err());
    }

    #[test]
    fn service_users_and_carers_keep_their_meaning_and_do_not_go_with_sizes() {
        let cfg = parse_args("--service-users 300").expect("parses");
        assert_eq!(cfg.sizes, vec![size(300, 90)]);
        let cfg = parse_args("--carers 60").expect("parses");
        assert_eq!(cfg.sizes, vec![size(200, 60)]);
        let e = parse_args("--sizes 50 --carers 20").expect_err("both");
        assert!(e.contains("--sizes"), "{e}");
    }

    #[test]
    fn the_other_options_read_as_before() {
        let cfg = parse_args(
            "--no-greedy --ortools-seconds 0 --rounds 0 --carebook a=/bin/cb --week 2026-W50",
        )
        .expect("parses");
        assert_eq!(cfg.greedy, None);
        assert_eq!(cfg.ortools_seconds, None);
        assert_eq!(cfg.rounds, 1);
        assert_eq!(cfg.planners.len(), 1);
        assert_eq!(cfg.planners[0].label, "a");
        assert_eq!(cfg.week, "2026-W50");
        assert!(parse_args("--frobnicate 1").is_err());
    }
}
