//! Rendering the one form system (`gongyi_types::common::form`): a [`FieldSpec`] with the value
//! as typed and its error becomes a [`FormField`], which `templates/_form_field.html` draws —
//! the label (with 选填 for optional fields), the input of the spec's kind, and the error beside
//! the field, tied to it by `aria-describedby`. Every form page renders its fields this way, so
//! a failed post shows each error where it belongs and keeps what was typed.

use crate::web::layout::Choice;
use gongyi_types::common::form::{FieldError, FieldSpec, Input};
use std::collections::BTreeMap;

/// One field as a page shows it.
pub struct FormField {
    pub name: &'static str,
    /// The element id's tail (`f-{id}`, `e-{id}`): the name, or `form-name` where one page
    /// has several forms with a field of the same name.
    pub id: String,
    pub label: &'static str,
    pub required: bool,
    /// `text`, `textarea`, `select`, `date` or `number`.
    pub kind: &'static str,
    /// The keyboard a phone shows (`numeric`, `decimal`), empty for the default.
    pub inputmode: &'static str,
    /// A code typed from a document: no autocorrect, capitals.
    pub code: bool,
    pub hint: &'static str,
    pub autocomplete: &'static str,
    /// `maxlength`, 0 for none.
    pub max_chars: u32,
    pub value: String,
    /// The choices of a select (the current value selected).
    pub options: Vec<Choice>,
    /// A select with nothing chosen yet starts with "（请选择）".
    pub placeholder: bool,
    /// This field's errors, joined.
    pub error: Option<String>,
}

/// The fields of `specs` with `values` as typed and the `errors` of each.
pub fn form_fields(
    specs: &[FieldSpec],
    values: &BTreeMap<String, String>,
    errors: &[FieldError],
) -> Vec<FormField> {
    form_fields_in("", specs, values, errors)
}

/// [`form_fields`] for one of several forms on a page: ids `f-{form}-{name}`.
pub fn form_fields_in(
    form: &str,
    specs: &[FieldSpec],
    values: &BTreeMap<String, String>,
    errors: &[FieldError],
) -> Vec<FormField> {
    specs
        .iter()
        .map(|f| {
            // A password is never sent back to the browser.
            let value = if f.input == Input::Password {
                String::new()
            } else {
                values.get(f.name).cloned().unwrap_or_default()
            };
            let (kind, options) = match f.input {
                Input::Text | Input::Money | Input::Code => ("text", vec![]),
                Input::Tel => ("tel", vec![]),
                Input::Password => ("password", vec![]),
                Input::Number => ("number", vec![]),
                Input::Date => ("date", vec![]),
                Input::TextArea => ("textarea", vec![]),
                Input::Select(choices) => (
                    "select",
                    choices
                        .iter()
                        .map(|(code, label)| Choice {
                            value: (*code).to_string(),
                            label: (*label).to_string(),
                            selected: value == *code,
                        })
                        .collect(),
                ),
            };
            let mine: Vec<&str> = errors
                .iter()
                .filter(|e| e.field == f.name)
                .map(|e| e.message.as_str())
                .collect();
            FormField {
                placeholder: kind == "select" && !options.iter().any(|o| o.selected),
                name: f.name,
                id: if form.is_empty() {
                    f.name.to_string()
                } else {
                    format!("{form}-{}", f.name)
                },
                label: f.label,
                required: f.required,
                kind,
                inputmode: match f.input {
                    Input::Number => "numeric",
                    Input::Money => "decimal",
                    Input::Tel => "tel",
                    _ => "",
                },
                code: f.input == Input::Code,
                hint: f.hint,
                autocomplete: f.autocomplete,
                max_chars: f.max_chars,
                value,
                options,
                error: (!mine.is_empty()).then(|| mine.join("；")),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongyi_types::common::form::{YES_NO, field};

    #[test]
    fn values_are_kept_and_errors_sit_beside_their_field() {
        let specs = [
            field("capital", "注册资金（元）", Input::Money, true),
            field("charity", "慈善组织", Input::Select(YES_NO), true),
            field("scope", "业务范围", Input::TextArea, false),
        ];
        let values = BTreeMap::from([
            ("capital".to_string(), "十万".to_string()),
            ("charity".to_string(), "false".to_string()),
        ]);
        let errors = [FieldError::new("capital", "注册资金：“十万”不是金额")];
        let f = form_fields(&specs, &values, &errors);
        assert_eq!((f[0].kind, f[0].value.as_str()), ("text", "十万"));
        assert_eq!(f[0].error.as_deref(), Some("注册资金：“十万”不是金额"));
        assert!(
            f[1].options
                .iter()
                .any(|o| o.value == "false" && o.selected)
        );
        assert!(f[1].error.is_none());
        assert_eq!((f[2].kind, f[2].required), ("textarea", false));
    }
}
