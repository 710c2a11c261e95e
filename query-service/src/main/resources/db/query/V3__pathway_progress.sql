-- What tells whether a district's pathway student is on track (issue 6, district views): the courses passed, the
-- work-based learning and the college credits of each student, one row per fact by its natural key (a revision of
-- the fact replaces the row; a withdrawn fact is deleted by its sequence).
create table progress_fact (
    district_id varchar(64)   not null,
    student_id  varchar(64)   not null,
    kind        varchar(20)   not null, -- COURSE, WBL, COLLEGE_CREDIT
    fact_key    varchar(300)  not null,
    sequence    bigint        not null,
    pathway_id  varchar(64),
    course_role varchar(20),
    passed      boolean       not null default true,
    credits     numeric(8, 2),
    primary key (district_id, student_id, kind, fact_key)
);

create index progress_fact_by_sequence on progress_fact (district_id, student_id, sequence);

-- A read model added to a running service must see the events applied before it existed: forget the stored
-- offsets and applied ids so the consumer replays the topic (kept forever) from the start. Every projection of this
-- schema is a keyed upsert, so the replay leaves the journeys and the catalogue as they are and fills progress_fact.
delete from consumer_offset;
delete from processed_event;
