//! The elimination tree of a multifrontal factorisation: fronts (own unknowns, boundary,
//! children) in postorder, and the permutation to elimination order. Built by a nested
//! dissection of the matrix graph (for the Dicke grid: `dicke::nested`); used by the LU in
//! [`factor`](super::factor).

/// One front: own unknowns (contiguous in elimination order) and its boundary.
#[derive(Clone, Debug)]
pub(crate) struct Front {
    /// Own unknowns are `start..end` in elimination order.
    pub start: usize,
    /// End of the own range.
    pub end: usize,
    /// Boundary unknowns in elimination order, sorted (all `>= end`).
    pub boundary: Vec<usize>,
    /// Child fronts (at most two), in ascending order: fronts are numbered in postorder, so
    /// the first child's subtree precedes the second's.
    pub children: Vec<usize>,
    /// For each boundary unknown, its position in the parent's front (own first, then
    /// boundary); empty for the root.
    pub parent_map: Vec<u32>,
}

impl Front {
    /// Number of own unknowns.
    pub(crate) fn own(&self) -> usize {
        self.end - self.start
    }

    /// Position of elimination index `i` in this front, if it is in it.
    #[inline]
    pub(crate) fn position(&self, i: usize) -> Option<usize> {
        if (self.start..self.end).contains(&i) {
            Some(i - self.start)
        } else {
            self.boundary.binary_search(&i).ok().map(|p| self.own() + p)
        }
    }
}

/// The elimination order and fronts of the active unknowns of a matrix.
#[derive(Clone, Debug)]
pub(crate) struct Dissection {
    /// Elimination index -> matrix index.
    pub order: Vec<usize>,
    /// Matrix index -> elimination index (`usize::MAX` when inactive).
    pub position: Vec<usize>,
    /// Fronts in postorder (children first); the last is the root.
    pub fronts: Vec<Front>,
}

impl Dissection {
    /// Bytes of the multifrontal factorisation over this dissection: the stored factors
    /// (`(n1 + n2) n1 + n1 n2` per front, packed in panels: [`super::packed`]), plus the
    /// largest front held while it is factored together with its children's update matrices.
    pub(crate) fn factor_bytes(&self) -> u64 {
        let (forward, backward) = super::packed::Layout::new(self).entries();
        let stored = (forward + backward) as u64;
        let mut transient = 0u64;
        for f in &self.fronts {
            let (n1, n2) = (f.own() as u64, f.boundary.len() as u64);
            let children: u64 = f
                .children
                .iter()
                .map(|&c| (self.fronts[c].boundary.len() as u64).pow(2))
                .sum();
            transient = transient.max((n1 + n2) * (n1 + n2) + children);
        }
        8 * (stored + transient)
    }
}
