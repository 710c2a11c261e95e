-- The analytics read models (schema "analytics"), fed only from Kafka.

-- Exactly-once effect: the next offset per partition and the ids of applied events, written with the data.
create table consumer_offset (
    consumer_group varchar(200) not null,
    topic          varchar(200) not null,
    partition      integer      not null,
    next_offset    bigint       not null,
    primary key (consumer_group, topic, partition)
);

create table processed_event (
    event_id     varchar(64) primary key,
    processed_at timestamptz not null default now()
);

create table rejected_event (
    topic        varchar(200) not null,
    partition    integer      not null,
    kafka_offset bigint       not null,
    message      text,
    reason       text         not null,
    rejected_at  timestamptz  not null default now(),
    primary key (topic, partition, kafka_offset)
);

-- Each student's demographics over time, with the reporting subgroups derived once (FederalRaceEthnicity), so a
-- metric can use the values that held on any date (e.g. at pathway entry).
create table student_demographics (
    district_id                varchar(64) not null,
    student_id                 varchar(64) not null,
    sequence                   bigint      not null,
    effective_date             date        not null,
    school_id                  varchar(64) not null,
    grade_level                varchar(2)  not null,
    cohort_year                integer,
    race_ethnicity             varchar(64) not null,
    sex                        varchar(1)  not null,
    english_learner            boolean     not null,
    disability                 boolean     not null,
    economically_disadvantaged boolean     not null,
    foster                     boolean     not null,
    homeless                   boolean     not null,
    migrant                    boolean     not null,
    military_connected         boolean     not null,
    single_parent              boolean     not null,
    primary key (district_id, student_id, sequence)
);

-- Who entered each pathway: one row per student and pathway, with the first entry.
create table pathway_entrant (
    district_id varchar(64) not null,
    student_id  varchar(64) not null,
    pathway_id  varchar(64) not null,
    school_id   varchar(64) not null,
    entry_date  date        not null,
    primary key (district_id, student_id, pathway_id)
);

create index pathway_entrant_by_pathway on pathway_entrant (pathway_id, district_id);
