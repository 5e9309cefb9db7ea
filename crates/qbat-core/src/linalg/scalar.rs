//! The two number types the kernels of this module run in: `f64` (the real representations:
//! the Dicke basis, the packed Hermitian unknowns of the Krylov steady-state solver) and
//! [`c64`] (operators of the computational basis).
//!
//! Generic kernels perform, for a real vector, exactly the floating-point operations that the
//! complex kernel performs on the real parts of a vector with zero imaginary parts
//! (`(a + 0i)(b + 0i) = ab - 0` and `|a + 0i|^2 = a^2 + 0` round identically), so a real
//! system integrated in real arithmetic gives the same bits as in complex arithmetic.

use crate::c64;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// A real or complex scalar.
pub(crate) trait Scalar:
    Copy
    + Send
    + Sync
    + PartialEq
    + std::fmt::Debug
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Neg<Output = Self>
    + Mul<f64, Output = Self>
    + Div<f64, Output = Self>
    + AddAssign
    + SubAssign
    + Sum
    + 'static
{
    /// `0`.
    const ZERO: Self;
    /// The complex conjugate (the identity for reals).
    fn conj(self) -> Self;
    /// `|x|^2`.
    fn abs_sqr(self) -> f64;
    /// `|x|`.
    fn modulus(self) -> f64;
    /// As a complex number.
    fn complex(self) -> c64;
    /// From a complex number (its real part, for a real scalar).
    fn from_complex(z: c64) -> Self;
}

impl Scalar for f64 {
    const ZERO: f64 = 0.0;
    fn conj(self) -> f64 {
        self
    }
    fn abs_sqr(self) -> f64 {
        self * self
    }
    fn modulus(self) -> f64 {
        self.abs()
    }
    fn complex(self) -> c64 {
        c64::new(self, 0.0)
    }
    fn from_complex(z: c64) -> f64 {
        z.re
    }
}

impl Scalar for c64 {
    const ZERO: c64 = c64::new(0.0, 0.0);
    fn conj(self) -> c64 {
        c64::conj(&self)
    }
    fn abs_sqr(self) -> f64 {
        self.norm_sqr()
    }
    fn modulus(self) -> f64 {
        self.norm()
    }
    fn complex(self) -> c64 {
        self
    }
    fn from_complex(z: c64) -> c64 {
        z
    }
}
