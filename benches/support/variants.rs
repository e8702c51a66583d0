//! How much of the parse is the YAML parser itself, and how much the
//! positions, the options or comment handling cost: the same texts parsed
//! in several ways, in parallel as the loader does, round-robin.

use super::timing::{measure, medians, ms};
use carebook::load::node::Node;
use carebook::load::parse;
use rayon::prelude::*;
use serde_saphyr::{Options, Spanned};

fn defaults(emit_comments: bool) -> Options {
    serde_saphyr::options! { emit_comments: emit_comments }
}

type Variant<'a> = (&'static str, Box<dyn Fn(&str) -> bool + Sync + 'a>);

/// Parses every text in several ways and prints medians of wall and CPU time.
pub fn report(texts: &[String], runs: usize) {
    let variants: Vec<Variant> = vec![
        (
            "carebook parse::parse (Spanned<Node>)",
            Box::new(|t| parse::parse(t).is_ok()),
        ),
        (
            "  same options, emit_comments: false",
            Box::new(|t| {
                serde_saphyr::from_str_with_options::<Spanned<Node>>(t, parse::options(false))
                    .is_ok()
            }),
        ),
        (
            "serde-saphyr defaults, Spanned<Node>",
            Box::new(|t| {
                serde_saphyr::from_str_with_options::<Spanned<Node>>(t, defaults(true)).is_ok()
            }),
        ),
        (
            "serde-saphyr defaults, Node (no root span)",
            Box::new(|t| serde_saphyr::from_str_with_options::<Node>(t, defaults(true)).is_ok()),
        ),
        (
            "serde-saphyr defaults, serde_json::Value",
            Box::new(|t| {
                serde_saphyr::from_str_with_options::<serde_json::Value>(t, defaults(true)).is_ok()
            }),
        ),
        (
            "  same, emit_comments: false",
            Box::new(|t| {
                serde_saphyr::from_str_with_options::<serde_json::Value>(t, defaults(false)).is_ok()
            }),
        ),
    ];
    let mut times = vec![Vec::new(); variants.len()];
    let mut parsed = vec![0; variants.len()];
    for _ in 0..runs {
        for (i, (_, f)) in variants.iter().enumerate() {
            times[i].push(measure(|| {
                parsed[i] = texts.par_iter().filter(|t| f(t)).count()
            }));
        }
    }
    println!();
    println!(
        "the parse alone, several ways ({} texts in memory; medians of {runs}, round-robin):",
        texts.len()
    );
    println!("  {:<44} {:>10} {:>10}", "", "wall", "cpu");
    for (i, (name, _)) in variants.iter().enumerate() {
        let (wall, cpu) = medians(&times[i]);
        println!(
            "  {name:<44} {:>7.0} ms {:>7.0} ms  ({} parsed)",
            ms(wall),
            ms(cpu),
            parsed[i]
        );
    }
}
