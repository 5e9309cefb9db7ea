//! [`RealSparse`]: a real sparse operator on the computational basis of N qubits, by column
//! lists, built entry by entry (the Hamiltonian, the jump operators and their products).

/// A real sparse square matrix stored by columns: `columns[c]` lists `(row, value)` pairs,
/// sorted by row, without duplicates or explicit zeros.
#[derive(Clone, Debug, PartialEq)]
pub struct RealSparse {
    /// Dimension.
    pub dim: usize,
    /// Non-zero entries of every column.
    pub columns: Vec<Vec<(usize, f64)>>,
}

impl RealSparse {
    /// Builds the matrix from per-column entries, summing duplicates and dropping zeros.
    pub fn from_columns(dim: usize, mut columns: Vec<Vec<(usize, f64)>>) -> RealSparse {
        for col in &mut columns {
            col.sort_unstable_by_key(|&(r, _)| r);
            let mut merged: Vec<(usize, f64)> = Vec::with_capacity(col.len());
            for &(r, v) in col.iter() {
                match merged.last_mut() {
                    Some((lr, lv)) if *lr == r => *lv += v,
                    _ => merged.push((r, v)),
                }
            }
            merged.retain(|&(_, v)| v != 0.0);
            *col = merged;
        }
        RealSparse { dim, columns }
    }

    /// `self^T * other`.
    pub fn transpose_mul(&self, other: &RealSparse) -> RealSparse {
        // (A^T B)[i, c] = sum_r A[r, i] B[r, c]; gather A's columns as rows of A^T.
        let mut rows_of_at: Vec<Vec<(usize, f64)>> = vec![Vec::new(); self.dim];
        for (i, col) in self.columns.iter().enumerate() {
            for &(r, v) in col {
                rows_of_at[r].push((i, v));
            }
        }
        let columns = other
            .columns
            .iter()
            .map(|col| {
                let mut out = Vec::new();
                for &(r, b) in col {
                    for &(i, a) in &rows_of_at[r] {
                        out.push((i, a * b));
                    }
                }
                out
            })
            .collect();
        RealSparse::from_columns(self.dim, columns)
    }

    /// `alpha * self + other`.
    pub fn add_scaled(&self, alpha: f64, other: &RealSparse) -> RealSparse {
        let columns = self
            .columns
            .iter()
            .zip(&other.columns)
            .map(|(a, b)| {
                a.iter()
                    .map(|&(r, v)| (r, alpha * v))
                    .chain(b.iter().copied())
                    .collect()
            })
            .collect();
        RealSparse::from_columns(self.dim, columns)
    }

    /// The zero matrix.
    pub fn zeros(dim: usize) -> RealSparse {
        RealSparse {
            dim,
            columns: vec![Vec::new(); dim],
        }
    }
}
