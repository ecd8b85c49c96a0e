-- 举报类型: what a complaint is about, chosen from `gongyi_types::enforcement::complaint_category`
-- (NULL for complaints filed before the form offered it).
ALTER TABLE complaints ADD COLUMN category TEXT
