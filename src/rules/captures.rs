//! A rule's capture groups, grouped by the field they fill.

/// A rule's capture groups by the field they fill (see `field_of_capture`),
/// read once from its pattern: matches look fields up by name many times.
#[derive(Debug, Clone, Default)]
pub(crate) struct CaptureFields {
    /// Each field, with its captures in the pattern's order.
    fields: Vec<(Box<str>, Vec<Capture>)>,
}

/// A capture group: its index and its name.
type Capture = (usize, Box<str>);

impl CaptureFields {
    /// The fields of capture groups named `names`, by index.
    pub fn new<'a>(names: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        let mut fields: Vec<(Box<str>, Vec<Capture>)> = Vec::new();
        for (index, name) in names.into_iter().enumerate() {
            let Some(name) = name else { continue };
            let field = field_of_capture(name);
            match fields.iter_mut().find(|(f, _)| &**f == field) {
                Some((_, captures)) => captures.push((index, name.into())),
                None => fields.push((field.into(), vec![(index, name.into())])),
            }
        }
        CaptureFields { fields }
    }

    /// The captures that fill `field`: (index, name), in the pattern's order.
    pub fn of(&self, field: &str) -> &[Capture] {
        self.fields
            .iter()
            .find(|(f, _)| &**f == field)
            .map_or(&[], |(_, captures)| captures)
    }
}

/// The field a capture fills: its name without an alternative's `_2` suffix.
pub(crate) fn field_of_capture(name: &str) -> &str {
    match name.rsplit_once('_') {
        Some((field, n))
            if !field.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() =>
        {
            field
        }
        _ => name,
    }
}
