//! The Atom feeds read back as XML and checked against RFC 4287's rules: one id, title and
//! updated per feed and per entry, an author, a self link, RFC 3339 times, ids unique and
//! stable; `?division=` narrows; a bad division is a 400.

use crate::support::TestApp;
use quick_xml::events::Event;
use std::collections::HashMap;

/// A feed as (feed-level children, entries), each a map of `parent/element` → texts; links
/// as `link@rel` → hrefs. Panics on XML that is not well formed.
type Elements = HashMap<String, Vec<String>>;

fn read(xml: &str) -> (Elements, Vec<Elements>) {
    let mut r = quick_xml::Reader::from_str(xml);
    let (mut feed, mut entries): (Elements, Vec<Elements>) = (HashMap::new(), vec![]);
    let mut path: Vec<String> = vec![];
    let mut entry: Option<Elements> = None;
    let mut text = String::new();
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "link" => {
                let (mut rel, mut href) = ("alternate".to_string(), String::new());
                for a in e.attributes() {
                    let a = a.unwrap();
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .to_string();
                    match a.key.as_ref() {
                        "rel" => rel = v,
                        "href" => href = v,
                        _ => {}
                    }
                }
                let to = entry.as_mut().unwrap_or(&mut feed);
                to.entry(format!("link@{rel}")).or_default().push(href);
            }
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "entry" {
                    entry = Some(HashMap::new());
                }
                path.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(g) => text.push(match g.as_ref() {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                other => panic!("unexpected entity {other}"),
            }),
            Event::End(e) => {
                let t = text.trim().to_string();
                text.clear();
                if !t.is_empty() {
                    let key = path[path.len().saturating_sub(2)..].join("/");
                    let to = entry.as_mut().unwrap_or(&mut feed);
                    to.entry(key).or_default().push(t);
                }
                path.pop();
                if e.name().as_ref() == "entry" {
                    entries.push(entry.take().unwrap());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (feed, entries)
}

fn one(m: &Elements, k: &str) -> String {
    let v = m.get(k).unwrap_or_else(|| panic!("missing {k}: {m:?}"));
    assert_eq!(v.len(), 1, "{k} more than once: {m:?}");
    v[0].clone()
}

fn check(xml: &str) -> Vec<Elements> {
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    let (feed, entries) = read(xml);
    for k in ["feed/id", "feed/title", "feed/updated"] {
        one(&feed, k);
    }
    one(&feed, "author/name");
    assert!(one(&feed, "link@self").starts_with("http://"));
    chrono::DateTime::parse_from_rfc3339(&one(&feed, "feed/updated")).unwrap();
    let mut ids = vec![];
    for e in &entries {
        for k in [
            "entry/id",
            "entry/title",
            "entry/updated",
            "entry/summary",
            "link@alternate",
        ] {
            one(e, k);
        }
        chrono::DateTime::parse_from_rfc3339(&one(e, "entry/updated")).unwrap();
        ids.push(one(e, "entry/id"));
    }
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "entry ids are unique");
    entries
}

#[tokio::test]
async fn registrations_and_illegal_lists_as_atom() {
    let app = TestApp::spawn().await;
    let r = app.get("/feeds/registrations.atom").await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let entries = check(&r.text().await.unwrap());
    assert_eq!(entries.len(), 50);
    // Narrowed to 朝阳区: its organizations only, the feed's own link says so.
    let xml = app
        .get("/feeds/registrations.atom?division=110105")
        .await
        .text()
        .await
        .unwrap();
    let entries = check(&xml);
    let mine = app
        .orgs
        .iter()
        .filter(|o| o.division.to_string() == "110105")
        .count();
    assert_eq!(entries.len(), mine.min(50));
    assert!(
        xml.contains("/feeds/registrations.atom?division=110105"),
        "{xml}"
    );
    assert!(xml.contains("北京市朝阳区民政局"), "{xml}");
    // The same organization keeps its entry id.
    let again = app
        .get("/feeds/registrations.atom?division=110105")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(check(&again)[0]["entry/id"], entries[0]["entry/id"]);
    // The illegal list (empty here) is still a valid feed; a bad division is a 400.
    let r = app.get("/feeds/illegal-orgs.atom").await;
    assert_eq!(r.status(), 200);
    check(&r.text().await.unwrap());
    let r = app.get("/feeds/registrations.atom?division=999999").await;
    assert_eq!(r.status(), 400);
    app.finish().await;
}

#[tokio::test]
async fn credit_listings_and_removals_as_atom_per_division_and_per_organization() {
    let app = TestApp::spawn().await;
    let all = app.state.store.list_entries_after(0, 10_000).await.unwrap();
    assert!(!all.is_empty(), "the fixtures have list entries");
    let r = app.get("/feeds/credit.atom").await;
    assert_eq!(r.status(), 200);
    let entries = check(&r.text().await.unwrap());
    let events = all.len() + all.iter().filter(|e| e.removed_on.is_some()).count();
    assert_eq!(entries.len(), events.min(50));
    // Newest first.
    let times: Vec<String> = entries.iter().map(|e| one(e, "entry/updated")).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    // One organization's feed: its listings only, named after it.
    let e = &all[0];
    let xml = app
        .get(&format!("/feeds/credit.atom?org={}", e.uscc))
        .await
        .text()
        .await
        .unwrap();
    let mine = check(&xml);
    let own = all.iter().filter(|x| x.uscc == e.uscc).count();
    assert!(mine.len() >= own && !mine.is_empty());
    assert!(
        mine.iter()
            .all(|m| one(m, "link@alternate").ends_with(&e.uscc))
    );
    assert!(
        xml.contains(&format!("信用名录列入与移出（{}）", e.name)),
        "{xml}"
    );
    assert!(xml.contains(&e.listed_reason), "{xml}");
    // A division: only organizations registered there.
    let d = &e.division[..2];
    let xml = app
        .get(&format!("/feeds/credit.atom?division={d}0000"))
        .await
        .text()
        .await
        .unwrap();
    let narrowed = check(&xml);
    let inside = all.iter().filter(|x| x.division.starts_with(d)).count();
    assert!(!narrowed.is_empty() && narrowed.len() <= (2 * inside).min(50));
    // Bad input: 400.
    assert_eq!(app.get("/feeds/credit.atom?org=123").await.status(), 400);
    assert_eq!(
        app.get("/feeds/credit.atom?division=999999").await.status(),
        400
    );
    app.finish().await;
}
