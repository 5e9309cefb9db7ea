//! Expanding axes into the ordered list of sweep points.
//!
//! The axes are stored in column order: the `--series` axis (if any) first, then the `--vary`
//! axes as given. Points are numbered lexicographically in that order, the first axis slowest
//! (like nested loops), so each curve of a line plot is a contiguous run of rows and the point
//! index alone determines the parameter values: that is what makes parallel, serial and
//! resumed sweeps write the same file.

use super::axis::Axis;

/// The sweep's axes and the points they span.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Axes in column order (series first, then varied keys).
    pub axes: Vec<Axis>,
    /// Number of `--vary` axes (the last `vary_count` entries of `axes`).
    pub vary_count: usize,
}

impl Grid {
    /// The grid of the `vary` axes, preceded by the optional `series` axis.
    ///
    /// # Errors
    /// A message when a key appears twice or there are no `--vary` axes.
    pub fn new(vary: Vec<Axis>, series: Option<Axis>) -> Result<Grid, String> {
        if vary.is_empty() {
            return Err("give at least one --vary KEY=...".into());
        }
        let vary_count = vary.len();
        let axes: Vec<Axis> = series.into_iter().chain(vary).collect();
        for (i, a) in axes.iter().enumerate() {
            if axes[..i].iter().any(|b| b.key == a.key) {
                return Err(format!("key {} is swept twice", a.key));
            }
        }
        if axes
            .iter()
            .try_fold(1usize, |n, a| n.checked_mul(a.values.len()))
            .is_none()
        {
            return Err("the grid has more points than this machine can count".into());
        }
        Ok(Grid { axes, vary_count })
    }

    /// The series axis, if any.
    pub fn series(&self) -> Option<&Axis> {
        (self.axes.len() > self.vary_count).then(|| &self.axes[0])
    }

    /// The `--vary` axes, in the order given.
    pub fn varied(&self) -> &[Axis] {
        &self.axes[self.axes.len() - self.vary_count..]
    }

    /// Column names of the swept keys, in column order.
    pub fn keys(&self) -> Vec<&str> {
        self.axes.iter().map(|a| a.key.as_str()).collect()
    }

    /// Number of points: the product of the axis lengths.
    pub fn len(&self) -> usize {
        self.axes.iter().map(|a| a.values.len()).product()
    }

    /// The values of every axis at point `index` (mixed radix, first axis slowest).
    pub fn point(&self, index: usize) -> Vec<f64> {
        let mut rest = index;
        let mut values = vec![0.0; self.axes.len()];
        for (slot, axis) in values.iter_mut().zip(&self.axes).rev() {
            let n = axis.values.len();
            *slot = axis.values.get(rest % n);
            rest /= n;
        }
        values
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::Scale;

    fn axis(key: &str, values: &[f64]) -> Axis {
        Axis {
            key: key.into(),
            values: values.to_vec().into(),
            scale: Scale::Linear,
        }
    }

    #[test]
    fn series_first_then_varied_keys_first_slowest() {
        let g = Grid::new(
            vec![axis("mu", &[0.0, 1.0, 2.0]), axis("dmu", &[5.0, 6.0])],
            Some(axis("temperature", &[0.5, 1.0])),
        )
        .unwrap();
        assert_eq!(g.keys(), ["temperature", "mu", "dmu"]);
        assert_eq!(g.len(), 12);
        assert_eq!(g.point(0), [0.5, 0.0, 5.0]);
        assert_eq!(g.point(1), [0.5, 0.0, 6.0]);
        assert_eq!(g.point(2), [0.5, 1.0, 5.0]);
        assert_eq!(g.point(11), [1.0, 2.0, 6.0]);
        assert_eq!(g.series().unwrap().key, "temperature");
        assert_eq!(g.varied()[0].key, "mu");
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let e = Grid::new(vec![axis("mu", &[0.0])], Some(axis("mu", &[1.0]))).unwrap_err();
        assert!(e.contains("mu"));
    }
}
