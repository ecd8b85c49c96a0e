//! One form system for every form of the platform — an official's edit of a registry record,
//! the online services' application forms, and the forms of the pillars to come: a form is a
//! list of [`FieldSpec`]s, a submitted form is a map from field name to text, and every problem
//! is a [`FieldError`] naming its field, so a page shows each error beside its field and keeps
//! what was typed, and the JSON API lists the same errors (`fields: [{field, message}]`).
//! The server renders a spec with one template (`templates/_form_field.html`).

use serde::Serialize;

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    TextArea,
    /// Yuan with at most two decimals, stored as [`crate::Fen`].
    Money,
    Number,
    /// A code typed from a document (统一社会信用代码, 文号): text, no autocorrect, capitals.
    Code,
    /// A telephone number (the phone's dial pad).
    Tel,
    /// A password: never shown back, never kept in the form after a failed post.
    Password,
    /// `YYYY-MM-DD`.
    Date,
    /// One of (code, label).
    Select(&'static [(&'static str, &'static str)]),
}

/// One field of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The form field's name (`capital`), as posted.
    pub name: &'static str,
    /// 中文 label.
    pub label: &'static str,
    pub input: Input,
    pub required: bool,
    /// A line of help under the label (tied to the input by `aria-describedby`); may be empty.
    pub hint: &'static str,
    /// At most this many characters (0: no limit of its own), as `maxlength` in the page.
    pub max_chars: u32,
    /// The browser's `autocomplete` token (`name`, `tel`, `new-password`, `off`); may be empty.
    pub autocomplete: &'static str,
}

/// A field spec (`const`, for the tables of forms).
pub const fn field(
    name: &'static str,
    label: &'static str,
    input: Input,
    required: bool,
) -> FieldSpec {
    FieldSpec {
        name,
        label,
        input,
        required,
        hint: "",
        max_chars: 0,
        autocomplete: "",
    }
}

impl FieldSpec {
    /// This field with a line of help under its label.
    pub const fn hint(self, hint: &'static str) -> FieldSpec {
        FieldSpec { hint, ..self }
    }
    /// This field with the browser's `autocomplete` token.
    pub const fn autocomplete(self, autocomplete: &'static str) -> FieldSpec {
        FieldSpec {
            autocomplete,
            ..self
        }
    }
    /// This field limited to `n` characters.
    pub const fn max(self, n: u32) -> FieldSpec {
        FieldSpec {
            max_chars: n,
            ..self
        }
    }
}

/// The choices of a yes/no field.
pub const YES_NO: &[(&str, &str)] = &[("true", "是"), ("false", "否")];

/// A problem with one field of a submitted form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The form field's name (`capital`); empty for a problem of the whole form.
    pub field: &'static str,
    /// 中文说明, naming the field (it is also listed above the form).
    pub message: String,
}

impl FieldError {
    /// Every message of `errs`, as one line (for an error that is not shown beside fields).
    pub fn join(errs: &[FieldError]) -> String {
        errs.iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>()
            .join("；")
    }

    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}
