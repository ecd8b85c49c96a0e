//! The credit-records section of the public profile (信用信息, 民政部令第60号 第六条: 基础 / 年报 /
//! 行政检查 (年检, 整改通知) / 行政处罚 / 其他), from the same records the credit API returns.

use crate::credit::api::org_credit::records;
use crate::registry::pages::profile::Table;
use gongyi_store::credit::RectificationRow;
use gongyi_types::{Organization, Sections};

pub fn credit_table(o: &Organization, s: &Sections, orders: &[RectificationRow]) -> Table {
    Table {
        id: "credit",
        title: "信用信息",
        headers: vec!["类别", "日期", "事项", "内容"],
        rows: records(o, s, orders)
            .into_iter()
            .map(|r| {
                vec![
                    r.category_label.to_string(),
                    r.date.unwrap_or_else(|| "—".into()),
                    r.title,
                    r.detail,
                ]
            })
            .collect(),
        empty: "暂无信用信息。",
    }
}
