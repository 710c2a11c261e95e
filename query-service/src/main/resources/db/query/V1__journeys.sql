-- The query service's read models (schema "read_model"), fed only from Kafka.

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

-- The student as the district currently describes them.
create table student (
    district_id      varchar(64) not null,
    student_id       varchar(64) not null,
    state_student_id varchar(64),
    birth_date       date        not null,
    school_id        varchar(64) not null,
    grade_level      varchar(2)  not null,
    cohort_year      integer,
    demographics     jsonb       not null,
    effective_date   date        not null,
    registered_at    timestamptz not null,
    updated_at       timestamptz not null,
    primary key (district_id, student_id)
);

create table pathway_enrollment (
    district_id varchar(64) not null,
    student_id  varchar(64) not null,
    pathway_id  varchar(64) not null,
    school_id   varchar(64) not null,
    entry_date  date        not null,
    status      varchar(20) not null,
    primary key (district_id, student_id, pathway_id)
);

-- Every fact of the student's journey, in the order the ledger recorded it.
create table journey_event (
    district_id    varchar(64)  not null,
    student_id     varchar(64)  not null,
    sequence       bigint       not null,
    event_id       varchar(64)  not null,
    event_type     varchar(100) not null,
    event_date     date,
    occurred_at    timestamptz  not null,
    summary        text         not null,
    detail         jsonb        not null,
    primary key (district_id, student_id, sequence)
);
