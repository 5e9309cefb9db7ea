//! Which points of a sweep one run computes: all of them, or shard `I` of `K`.
//!
//! Shards interleave the points: shard `I` takes the points `i` with `i mod K = I - 1`. The
//! shards are disjoint, cover every point, differ in size by at most one point, and, because
//! neighbouring points go to different shards, they cost about the same even when the cost of
//! a point grows along an axis (a larger `n`, a lower temperature).

use std::fmt;

/// Shard `index` (1-based) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// `I`, from 1 to `count`.
    pub index: usize,
    /// `K`, at least 1.
    pub count: usize,
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Environment variables of a SLURM job array that `--shard slurm` reads.
pub const SLURM_VARS: [&str; 3] = [
    "SLURM_ARRAY_TASK_ID",
    "SLURM_ARRAY_TASK_MIN",
    "SLURM_ARRAY_TASK_COUNT",
];

impl Shard {
    /// Parses `I/K` (`1 <= I <= K`), or `slurm` through `env` (the process environment in
    /// the binary): `I = SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1`,
    /// `K = SLURM_ARRAY_TASK_COUNT` (an array `--array=1-K` or `0-(K-1)`, step 1).
    ///
    /// # Errors
    /// A one-line message naming `--shard` and the value, or the missing variable.
    pub fn parse(text: &str, env: impl Fn(&str) -> Option<String>) -> Result<Shard, String> {
        if text.trim() == "slurm" {
            let var = |name: &str| -> Result<usize, String> {
                let value = env(name).ok_or_else(|| {
                    format!("--shard slurm: {name} is not set (run inside sbatch --array)")
                })?;
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("--shard slurm: {name} = {value:?} is not a whole number"))
            };
            let (id, min, count) = (
                var(SLURM_VARS[0])?,
                var(SLURM_VARS[1])?,
                var(SLURM_VARS[2])?,
            );
            if id < min || id - min >= count {
                return Err(format!(
                    "--shard slurm: SLURM_ARRAY_TASK_ID = {id} is outside \
                     SLURM_ARRAY_TASK_MIN = {min} .. + SLURM_ARRAY_TASK_COUNT = {count} \
                     (qbat needs an array without gaps, e.g. --array=1-{count})"
                ));
            }
            return Ok(Shard {
                index: id - min + 1,
                count,
            });
        }
        let bad = |why: &str| format!("invalid --shard {text:?}: {why}");
        let (i, k) = text
            .split_once('/')
            .ok_or_else(|| bad("expected I/K (shard I of K, 1 <= I <= K) or slurm"))?;
        let whole = |s: &str| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| bad(&format!("{:?} is not a whole number", s.trim())))
        };
        let (index, count) = (whole(i)?, whole(k)?);
        if count == 0 || index == 0 || index > count {
            return Err(bad("needs 1 <= I <= K"));
        }
        Ok(Shard { index, count })
    }
}

/// The points one run computes, in increasing point index: position `j` is point
/// `offset + j * stride`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Points in the whole sweep.
    pub total: usize,
    /// The shard, or `None` for every point.
    pub shard: Option<Shard>,
}

impl Selection {
    /// Every point of a sweep of `total` points, or the points of `shard`.
    pub fn new(total: usize, shard: Option<Shard>) -> Selection {
        Selection { total, shard }
    }

    fn offset_stride(&self) -> (usize, usize) {
        match self.shard {
            Some(s) => (s.index - 1, s.count),
            None => (0, 1),
        }
    }

    /// Number of points selected.
    pub fn len(&self) -> usize {
        let (offset, stride) = self.offset_stride();
        if offset >= self.total {
            0
        } else {
            (self.total - offset).div_ceil(stride)
        }
    }

    /// The point index at position `j` (`j < len()`).
    pub fn index(&self, j: usize) -> usize {
        let (offset, stride) = self.offset_stride();
        offset + j * stride
    }

    /// The position of point `index`, when it is selected.
    pub fn position(&self, index: usize) -> Option<usize> {
        let (offset, stride) = self.offset_stride();
        (index < self.total && index >= offset && (index - offset).is_multiple_of(stride))
            .then(|| (index - offset) / stride)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_disjoint_and_cover_every_point() {
        for total in [0, 1, 5, 12, 13] {
            for count in 1..=7 {
                let mut seen = vec![0; total];
                for index in 1..=count {
                    let s = Selection::new(total, Some(Shard { index, count }));
                    for j in 0..s.len() {
                        let i = s.index(j);
                        seen[i] += 1;
                        assert_eq!(s.position(i), Some(j));
                    }
                    // sizes differ by at most one (interleaved)
                    assert!(s.len() == total / count || s.len() == total / count + 1);
                }
                assert!(seen.iter().all(|&c| c == 1), "{total} {count}: {seen:?}");
            }
        }
    }

    #[test]
    fn parses_i_of_k_and_slurm() {
        let none = |_: &str| None;
        assert_eq!(
            Shard::parse("2/7", none).unwrap(),
            Shard { index: 2, count: 7 }
        );
        for bad in ["0/3", "4/3", "1/0", "x/3", "3", "1/2/3"] {
            assert!(
                Shard::parse(bad, none).unwrap_err().contains("--shard"),
                "{bad}"
            );
        }
        let env = |id: &'static str| {
            move |name: &str| match name {
                "SLURM_ARRAY_TASK_ID" => Some(id.to_string()),
                "SLURM_ARRAY_TASK_MIN" => Some("0".to_string()),
                "SLURM_ARRAY_TASK_COUNT" => Some("4".to_string()),
                _ => None,
            }
        };
        assert_eq!(
            Shard::parse("slurm", env("3")).unwrap(),
            Shard { index: 4, count: 4 }
        );
        assert!(Shard::parse("slurm", env("4")).is_err());
        let e = Shard::parse("slurm", none).unwrap_err();
        assert!(e.contains("SLURM_ARRAY_TASK_ID"), "{e}");
    }
}
