-- 失信被执行人: the organizations the people's courts list as dishonest judgment debtors
-- (严重违法失信名单 item (六): 被司法机关纳入失信被执行人名单), as the registration authority
-- imports them from the court system's file (`gongyi credit import-dishonest FILE`), one row
-- per 执行案号. A row the file marks removed (移除日期) keeps its history; the serious entry it
-- caused leaves like any other, on application after 2 full years.
CREATE TABLE court_dishonest (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    case_no TEXT NOT NULL,
    court TEXT NOT NULL,
    published_on TEXT NOT NULL,
    removed_on TEXT,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);
CREATE UNIQUE INDEX court_dishonest_case ON court_dishonest (uscc, case_no)
