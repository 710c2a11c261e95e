-- The consumer's id-only keys compared byte by byte (issue 4): an event id, a topic or a consumer group is only ever
-- compared for equality (de-duplication, offsets, rejected messages), and equality is the same in every deterministic
-- collation, so the B-tree inserts and lookups of processed_event (one per event, both consumers) and the one-sort
-- primary key a rebuild builds on it compare with memcmp instead of strcoll (the database's default collation is the
-- machine's locale, e.g. C.UTF-8). Only the collation changes: no table rewrite, the indexes are rebuilt.
alter table processed_event alter column event_id type varchar(64) collate "C";
alter table consumer_offset alter column consumer_group type varchar(200) collate "C",
                            alter column topic type varchar(200) collate "C";
alter table rejected_event alter column topic type varchar(200) collate "C";
