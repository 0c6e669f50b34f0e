//! Numbers as written in digits, to the plain digits of the `value` column.

/// Parses a figure written in digits (`10,000`, `10000`, `1.5`) into plain
/// digits (`10000`, `1.5`). Thousands separators must be well placed.
pub fn parse_number(text: &str) -> Option<String> {
    let text = text.trim();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let int_digits = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let well_placed = (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
        if !well_placed {
            return None;
        }
        groups.concat()
    } else {
        int.to_string()
    };
    if int_digits.is_empty() || !int_digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let int_digits = match int_digits.trim_start_matches('0') {
        "" => "0".to_string(),
        s => s.to_string(),
    };
    match frac {
        None => Some(int_digits),
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            let f = f.trim_end_matches('0');
            Some(if f.is_empty() {
                int_digits
            } else {
                format!("{int_digits}.{f}")
            })
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn digits() {
        assert_eq!(parse_number("10,000").as_deref(), Some("10000"));
        assert_eq!(parse_number("10000").as_deref(), Some("10000"));
        assert_eq!(parse_number("1,234,567").as_deref(), Some("1234567"));
        assert_eq!(parse_number("1.5").as_deref(), Some("1.5"));
        assert_eq!(parse_number("2.50").as_deref(), Some("2.5"));
        assert_eq!(parse_number("0").as_deref(), Some("0"));
        assert_eq!(parse_number("007").as_deref(), Some("7"));
    }

    #[test]
    fn rejects_malformed() {
        assert_eq!(parse_number("10,00"), None);
        assert_eq!(parse_number("1,0000"), None);
        assert_eq!(parse_number("ten"), None);
        assert_eq!(parse_number("1."), None);
        assert_eq!(parse_number(""), None);
    }
}
