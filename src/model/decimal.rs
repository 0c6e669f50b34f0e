//! Exact decimal numbers: figures are never rounded.

use std::fmt;

/// An exact decimal: `mantissa × 10^-scale`. Figures are never rounded.
#[derive(Debug, Clone, Copy)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };
    pub const ONE: Decimal = Decimal {
        mantissa: 1,
        scale: 0,
    };

    pub fn from_int(n: i128) -> Decimal {
        Decimal {
            mantissa: n,
            scale: 0,
        }
    }

    /// Parses plain `123`, `-1.50`, `.5`.
    pub fn parse_plain(s: &str) -> Option<Decimal> {
        let (negative, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        if (int.is_empty() && frac.is_empty())
            || !(int.bytes().chain(frac.bytes())).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let digits = format!("{int}{frac}");
        let mantissa: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        let d = Decimal {
            mantissa: if negative { -mantissa } else { mantissa },
            scale: u32::try_from(frac.len()).ok()?,
        };
        Some(d.normalized())
    }

    fn normalized(mut self) -> Decimal {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    fn aligned(a: Decimal, b: Decimal) -> Option<(i128, i128, u32)> {
        let scale = a.scale.max(b.scale);
        let up = |d: Decimal| d.mantissa.checked_mul(10i128.checked_pow(scale - d.scale)?);
        Some((up(a)?, up(b)?, scale))
    }

    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = Decimal::aligned(self, other)?;
        Some(
            Decimal {
                mantissa: a.checked_add(b)?,
                scale,
            }
            .normalized(),
        )
    }

    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        Some(
            Decimal {
                mantissa: self.mantissa.checked_mul(other.mantissa)?,
                scale: self.scale.checked_add(other.scale)?,
            }
            .normalized(),
        )
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    pub fn negated(self) -> Decimal {
        Decimal {
            mantissa: -self.mantissa,
            scale: self.scale,
        }
    }

    /// The nearest floating-point number, for a spreadsheet cell.
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    /// Whether this is a whole number, zero or more.
    pub(crate) fn is_natural(self) -> bool {
        let d = self.normalized();
        d.scale == 0 && d.mantissa >= 0
    }

    /// The value as a whole number, if it is one.
    pub fn as_integer(self) -> Option<i128> {
        let d = self.normalized();
        (d.scale == 0).then_some(d.mantissa)
    }

    /// Whether this is a whole number from 0 to 9.
    pub(crate) fn is_digit(self) -> bool {
        self.scale == 0 && (0..10).contains(&self.mantissa)
    }

    /// Whether this is 20, 30, ... 90.
    pub(crate) fn is_tens(self) -> bool {
        self.scale == 0 && (20..100).contains(&self.mantissa) && self.mantissa % 10 == 0
    }
}

impl std::str::FromStr for Decimal {
    type Err = String;

    /// Plain digits, as `Display` writes them: `10000`, `1.5`, `-0.08`.
    fn from_str(s: &str) -> Result<Decimal, String> {
        Decimal::parse_plain(s).ok_or_else(|| {
            let digits = s.trim_start_matches('-').replacen('.', "", 1);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                format!("`{s}` has more digits than a figure can (38)")
            } else {
                format!("`{s}` is not a number")
            }
        })
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Decimal) -> bool {
        let (a, b) = (self.normalized(), other.normalized());
        (a.mantissa, a.scale) == (b.mantissa, b.scale)
    }
}

impl Eq for Decimal {}

impl std::hash::Hash for Decimal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let d = self.normalized();
        (d.mantissa, d.scale).hash(state);
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        let (a, b, _) = Decimal::aligned(*self, *other)?;
        Some(a.cmp(&b))
    }
}

impl fmt::Display for Decimal {
    /// Plain digits: `10000`, `1.5`, `-0.08`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.normalized();
        let digits = d.mantissa.unsigned_abs().to_string();
        let sign = if d.mantissa < 0 { "-" } else { "" };
        let scale = d.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}
