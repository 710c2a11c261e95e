-- What happened to each student after entry, for the outcome metrics (issue 5). One row per fact key, with the
-- event's sequence so a withdrawn fact can be removed.

create table pathway_status (
    district_id varchar(64) not null,
    student_id  varchar(64) not null,
    pathway_id  varchar(64) not null,
    status      varchar(20) not null,
    reached_on  date        not null,
    sequence    bigint      not null,
    primary key (district_id, student_id, pathway_id, status)
);

create table college_credit (
    district_id  varchar(64)   not null,
    student_id   varchar(64)   not null,
    credit_key   varchar(300)  not null,
    credits      numeric(6, 2) not null,
    year_end     date          not null,
    transferable boolean       not null,
    sequence     bigint        not null,
    primary key (district_id, student_id, credit_key)
);

create table wbl_placement (
    district_id    varchar(64) not null,
    student_id     varchar(64) not null,
    placement_id   varchar(64) not null,
    continuum_stage varchar(20) not null,
    start_date     date        not null,
    sequence       bigint      not null,
    primary key (district_id, student_id, placement_id)
);

create table industry_credential (
    district_id   varchar(64) not null,
    student_id    varchar(64) not null,
    credential_id varchar(64) not null,
    earned_date   date        not null,
    sequence      bigint      not null,
    primary key (district_id, student_id, credential_id)
);

create table high_school_completion (
    district_id  varchar(64) not null,
    student_id   varchar(64) not null,
    completion   varchar(40) not null,
    completed_on date        not null,
    sequence     bigint      not null,
    primary key (district_id, student_id, completion)
);
