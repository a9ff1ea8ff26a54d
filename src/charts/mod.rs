//! stub matching the charts interface
use crate::data::model::{Question, Unit, Year};
use crate::locale::NumberFormat;
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind { Bars, Table }
impl ChartKind {
    pub fn parse(name: &str) -> Result<ChartKind, String> { match name { "table" => Ok(ChartKind::Table), "bars"|"bars-horizontal"|"donut"|"stacked"|"diverging"|"scores"|"kpi"|"options"|"range" => Ok(ChartKind::Bars), _ => Err(format!("unknown chart kind `{name}`")) } }
    pub fn name(self) -> &'static str { match self { ChartKind::Bars => "bars", ChartKind::Table => "table" } }
}
pub struct ChartSpec { pub kind: ChartKind, pub years: Option<Vec<Year>>, pub options: Option<Vec<String>>, pub items: Option<Vec<String>>, pub title: Option<String> }
pub struct Style { pub palette: Vec<String>, pub text_color: String, pub format: NumberFormat }
pub struct DataTable { pub caption: String, pub header: Vec<String>, pub rows: Vec<Vec<String>> }
pub struct Chart { pub svg: String, pub title: String, pub description: String, pub table: DataTable }
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ChartError(String);
pub fn render(spec: &ChartSpec, question: &Question, style: &Style, id_prefix: &str) -> Result<Chart, ChartError> {
    let title = spec.title.clone().unwrap_or(question.label.clone());
    let years = spec.years.clone().unwrap_or_else(|| { let mut y = question.years(); y.reverse(); y });
    let item = &question.items[0];
    let mut rows = vec![];
    for o in &item.options {
        if let Some(sel) = &spec.options { if !sel.contains(&o.id) { continue; } }
        let mut row = vec![o.label.clone()];
        for y in &years { row.push(o.values.get(y).map(|v| value_text(*v, &question.unit, &style.format)).unwrap_or_default()); }
        rows.push(row);
    }
    let mut header = vec!["Antwoord".to_string()]; header.extend(years.iter().map(|y| y.to_string()));
    let svg = if spec.kind == ChartKind::Table { String::new() } else { format!("<svg viewBox=\"0 0 10 10\" role=\"img\" aria-labelledby=\"{id_prefix}-title\"><title id=\"{id_prefix}-title\">{}</title></svg>", title.replace('&',"&amp;").replace('<',"&lt;")) };
    Ok(Chart { svg, title: title.clone(), description: title.clone(), table: DataTable { caption: title, header, rows } })
}
pub fn value_text(value: f64, unit: &Unit, format: &NumberFormat) -> String {
    let d = NumberFormat::natural_decimals(value);
    match unit { Unit::Percentage => format!("{}%", format.format(value, d)), Unit::Nps => format.format_signed(value, 0), _ => format.format(value, d) }
}
