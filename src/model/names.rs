//! The closed sets of names the table writes (`kind`, `subtype`, `approx`,
//! `cue_class`, `published_from`...): each an enum whose names are its only
//! text form, both ways.

use std::fmt;

/// A name that is none of an enum's: the text, and the names it could be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    pub text: String,
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not one of: {}",
            self.text,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// An enum of names: `as_str`, `Display` and `FromStr` agree, and `NAMES`
/// lists them in order.
macro_rules! named {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in order.
            #[allow(dead_code)]
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every value's name, in the order of `ALL`.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::model::UnknownName;

            fn from_str(s: &str) -> Result<$name, $crate::model::UnknownName> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::model::UnknownName {
                        text: s.to_string(),
                        expected: $name::NAMES,
                    }),
                }
            }
        }
    };
}

pub(crate) use named;

named! {
    /// What a claim is.
    pub enum Kind {
        Quote = "quote",
        Count = "count",
        Date = "date",
    }
}

named! {
    /// How a quote gives what was said (the `subtype` of a quote).
    pub enum QuoteKind {
        /// In quotation marks.
        Direct = "direct",
        /// Reported speech that quotes some words.
        Mixed = "mixed",
        /// Reported speech.
        Indirect = "indirect",
    }
}

named! {
    /// What a date expression names (the `subtype` of a date; TIMEX3's types).
    pub enum DateKind {
        Date = "date",
        Time = "time",
        Duration = "duration",
        Set = "set",
    }
}

named! {
    /// How a figure is qualified (the `approx` column).
    pub enum Approx {
        Exact = "exact",
        /// "about", "some", "an estimated".
        Approximate = "approximate",
        /// "as many as", "up to".
        AtMost = "at_most",
        /// "more than", "at least".
        AtLeast = "at_least",
        /// "thousands": the value is a floor.
        Vague = "vague",
    }
}

named! {
    /// What happened to what a count counts (the `event` column), after
    /// GDELT's count types: read from the clause around the figure.
    pub enum Event {
        /// "were killed", "died", "the death toll rose to".
        Killed = "killed",
        /// "wounded", "hurt", "hospitalized".
        Injured = "injured",
        /// "remain missing", "unaccounted for".
        Missing = "missing",
        /// "were rescued", "pulled from the rubble".
        Rescued = "rescued",
        /// "arrested", "detained", "taken into custody".
        Arrested = "arrested",
        /// "kidnapped", "abducted", "taken hostage".
        Kidnapped = "kidnapped",
        /// "evacuated", "ordered to leave".
        Evacuated = "evacuated",
        /// "displaced", "fled", "refugees".
        Displaced = "displaced",
        /// "deployed", "sent", "stationed".
        Deployed = "deployed",
        /// "employs", "a workforce of".
        Employed = "employed",
        /// "laid off", "cutting 4,100 roles".
        LaidOff = "laid_off",
        /// "hired", "recruited".
        Hired = "hired",
        /// "infected", "tested positive", "sickened".
        Infected = "infected",
        /// "protesters", "marched", "rallied".
        Protesting = "protesting",
    }
}

named! {
    /// Whether a figure counts a whole or a part (the `scope` column): "about
    /// 14,500 people *worldwide*" and "five servicemen *from the two
    /// countries*" are totals, not one plant's or one side's figure.
    pub enum Scope {
        /// "in all", "worldwide", "from both sides".
        Total = "total",
    }
}

named! {
    /// The class of an attribution cue (the `cue_class` column).
    pub enum CueClass {
        /// "said", "told reporters".
        Speech = "speech",
        /// "wrote", "said in a statement".
        Written = "written",
        /// "believes", "estimated".
        Thought = "thought",
        /// "according to".
        AccordingTo = "according_to",
    }
}

named! {
    /// Where an article's reference date or outlet came from (the
    /// `published_from` and `outlet_from` columns).
    #[derive(Default)]
    pub enum Origin {
        /// Not known.
        #[default]
        None = "",
        /// The `--manifest` row of the file.
        Manifest = "manifest",
        /// The JSONL line.
        Jsonl = "jsonl",
        /// Read from the article's own text.
        Text = "text",
        /// Given by library code.
        Caller = "caller",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for &k in Approx::ALL {
            assert_eq!(k.as_str().parse::<Approx>(), Ok(k));
        }
        for &k in Origin::ALL {
            assert_eq!(k.to_string().parse::<Origin>(), Ok(k));
        }
        let e = "Duration".parse::<DateKind>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "`Duration` is not one of: date, time, duration, set"
        );
    }
}
