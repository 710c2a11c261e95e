-- The whole 9-14 journey and the region catalogue (issue 3).

alter table pathway_enrollment
    add column pathway_version integer not null default 1,
    add column exit_date       date,
    add column exit_reason     varchar(20),
    add column participant_on  date,
    add column concentrator_on date,
    add column completer_on    date,
    add column entry_sequence  bigint;

alter table journey_event
    add column retracted         boolean not null default false,
    add column retraction_reason text;

-- Region-level person each student record is linked to (identity across systems).
create table person_link (
    region_id   varchar(64) not null,
    person_id   varchar(64) not null,
    district_id varchar(64) not null,
    student_id  varchar(64) not null,
    evidence    varchar(30) not null,
    linked      boolean     not null,
    primary key (region_id, person_id, district_id, student_id)
);

create table region (
    region_id varchar(64) primary key,
    name      varchar(200) not null
);

create table region_member (
    region_id varchar(64)  not null,
    member_id varchar(64)  not null,
    kind      varchar(20)  not null,
    name      varchar(200),
    primary key (region_id, member_id)
);

create table catalogue_pathway (
    region_id       varchar(64)  not null,
    pathway_id      varchar(64)  not null,
    version         integer      not null,
    name            varchar(200) not null,
    industry_sector varchar(200),
    definition      jsonb        not null,
    retired_on      date,
    primary key (region_id, pathway_id)
);

create table college_agreement (
    region_id      varchar(64) not null,
    agreement_id   varchar(64) not null,
    kind           varchar(20) not null,
    district_id    varchar(64) not null,
    college_id     varchar(64) not null,
    effective_from date        not null,
    effective_to   date        not null,
    detail         jsonb       not null,
    primary key (region_id, agreement_id)
);
