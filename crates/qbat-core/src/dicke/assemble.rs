//! The real sparse Liouvillian over the unknowns of [`Layout`].
//!
//! Column `c` holds `L e_c`, where `e_c` is the Hermitian unit operator of unknown `c`
//! ([`unit()`]); row `r` reads off unknown `r` of the image. Since `L` maps Hermitian
//! operators to Hermitian operators, and the real unknowns `(a, b, x, y)` of every sector
//! parametrise Hermitian operators, this matrix is real.

use super::block::{real_parts, unit, BlockGenerator, Mat2};
use super::layout::{local_pair, sector_m, sector_of_mu, Layout, Part};
use super::local::LocalRates;
use crate::linalg::sparse::Csc;
use rayon::prelude::*;

/// The columns of one block: entry counts, rows, values, and the pinned row's entries.
type BlockColumns = (Vec<usize>, Vec<usize>, Vec<f64>, Vec<(usize, f64)>);

/// The entries `(row, value)` of column `(tj, k)` (block `tj`, local position `k`), rows
/// global, unsorted, possibly repeated.
pub(crate) fn column(
    layout: &Layout,
    generator: &BlockGenerator,
    local: Option<&LocalRates>,
    tj: usize,
    k: usize,
    out: &mut Vec<(usize, f64)>,
) {
    let (s, part) = local_pair(tj, k);
    let e = unit(part);
    generator.apply(tj, s, &e, |s2, m: Mat2| {
        for (p, v) in real_parts(tj, s2, &m) {
            if v != 0.0 {
                out.push((layout.index(tj, s2, p).unwrap(), v));
            }
        }
    });
    let Some(rates) = local else { return };
    // the ancilla pair (mu, mu') of this unknown: (m_u, m_u) for a, (m_v, m_v) for b,
    // (m_u, m_v) for the coherence
    let j = tj as f64 / 2.0;
    let (m_u, m_v) = sector_m(j, s);
    let (mu, mu2) = match part {
        Part::A => (m_u, m_u),
        Part::B => (m_v, m_v),
        Part::X | Part::Y => (m_u, m_v),
    };
    let here = layout.index(tj, s, part).unwrap();
    out.push((here, rates.loss(mu, mu2)));
    rates.gains(tj, mu, mu2, |g| {
        let tj2 = (tj as i64 + g.d_tj) as usize;
        let j2 = tj2 as f64 / 2.0;
        // the target keeps the part; its sector follows from the shifted u-side number
        let target_mu = match part {
            Part::B => m_v + g.shift as f64 - 1.0,
            _ => m_u + g.shift as f64,
        };
        let s2 = sector_of_mu(j2, target_mu).expect("gain targets exist");
        out.push((
            layout.index(tj2, s2, part).expect("gain targets exist"),
            g.rate,
        ));
    });
}

/// Assembles the columns of the Liouvillian for which `columns` holds (the others are left
/// empty; their rows are all there). Row `pin` (if any) is replaced by the unit row `e_pin`;
/// its original entries are returned as `(column, value)` pairs.
pub(crate) fn assemble(
    layout: &Layout,
    generator: &BlockGenerator,
    local: Option<&LocalRates>,
    pin: Option<usize>,
    columns: &(dyn Fn(usize) -> bool + Sync),
) -> (Csc, Vec<(usize, f64)>) {
    // one block per task: blocks are independent and large enough to amortise the overhead
    let per_block: Vec<BlockColumns> = (0..layout.blocks())
        .into_par_iter()
        .map(|l| {
            let tj = layout.tj(l);
            let offset = layout.offset(l);
            let len = super::layout::block_len(tj);
            let mut counts = Vec::with_capacity(len);
            let mut rows = Vec::with_capacity(len * 12);
            let mut vals = Vec::with_capacity(len * 12);
            let mut pinned = Vec::new();
            let mut entries = Vec::with_capacity(32);
            for k in 0..len {
                entries.clear();
                if columns(offset + k) {
                    column(layout, generator, local, tj, k, &mut entries);
                }
                entries.sort_unstable_by_key(|&(r, _)| r);
                let start = rows.len();
                let col = offset + k;
                let mut last = usize::MAX;
                for &(r, v) in entries.iter() {
                    if Some(r) == pin {
                        pinned.push((col, v));
                        continue;
                    }
                    if r == last {
                        *vals.last_mut().unwrap() += v;
                    } else {
                        rows.push(r);
                        vals.push(v);
                        last = r;
                    }
                }
                if Some(col) == pin {
                    let at = rows[start..].partition_point(|&r| r < col) + start;
                    rows.insert(at, col);
                    vals.insert(at, 1.0);
                }
                counts.push(rows.len() - start);
            }
            (counts, rows, vals, pinned)
        })
        .collect();
    let dim = layout.len();
    let nnz: usize = per_block.iter().map(|b| b.1.len()).sum();
    let mut col_ptr = Vec::with_capacity(dim + 1);
    let mut row_idx = Vec::with_capacity(nnz);
    let mut values = Vec::with_capacity(nnz);
    let mut pinned_row = Vec::new();
    col_ptr.push(0);
    for (counts, rows, vals, pinned) in per_block {
        for c in counts {
            col_ptr.push(col_ptr.last().unwrap() + c);
        }
        row_idx.extend_from_slice(&rows);
        values.extend_from_slice(&vals);
        pinned_row.extend(pinned);
    }
    // the pinned row's entries of one column were merged above only when not pinned
    let mut merged: Vec<(usize, f64)> = Vec::with_capacity(pinned_row.len());
    for (c, v) in pinned_row {
        match merged.last_mut() {
            Some((lc, lv)) if *lc == c => *lv += v,
            _ => merged.push((c, v)),
        }
    }
    (
        Csc {
            dim,
            col_ptr,
            row_idx,
            values,
        },
        merged,
    )
}
