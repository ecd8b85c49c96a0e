//! Tests of `places.rs`.

use super::*;

#[test]
fn names_and_authorities() {
    let p = Places::new();
    let find = |code: &str| {
        p.places
            .iter()
            .find(|x| x.code.to_string() == code)
            .unwrap()
    };
    let xihu = find("330106");
    assert_eq!(xihu.prefix, "杭州市西湖区");
    assert_eq!(xihu.addr_base, "浙江省杭州市西湖区");
    assert_eq!(xihu.area_code, "0571");
    let chaoyang = find("110105");
    assert_eq!(chaoyang.prefix, "北京市朝阳区");
    assert_eq!(chaoyang.authority, "北京市朝阳区民政局");
    assert_eq!(xihu.authority, "浙江省杭州市西湖区民政局");
    assert_eq!(find("330000").authority, "浙江省民政厅");
    assert_eq!(find("110000").authority, "北京市民政局");
    assert_eq!(find("429004").prefix, "仙桃市");
    assert_eq!(p.get(p.national).authority, "民政部");
    assert!(
        !p.places.iter().any(|x| x.code.to_string() == "110100"),
        "pseudo-city of a municipality"
    );
}
