-- The registration authority's supervision documents that the credit list rules read
-- (《社会组织信用信息管理办法》, 民政部令第60号, 活动异常名录 items (三) and (六)):
-- 整改通知 — an inspection found a problem, to be put right by a deadline; completed_on is set
-- when the authority has checked it done (查实). 专用信函 — a letter mailed to the registered
-- address and whether it was signed for (签收) or came back unsigned (无人签收).
CREATE TABLE rectification_orders (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    doc_no TEXT NOT NULL,
    requirement TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    deadline TEXT NOT NULL,
    completed_on TEXT,
    completion_note TEXT,
    issued_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX rectification_orders_doc ON rectification_orders (uscc, doc_no);
CREATE TABLE registered_letters (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    tracking_no TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    returned BIGINT NOT NULL,
    outcome_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX registered_letters_tracking ON registered_letters (uscc, tracking_no)
