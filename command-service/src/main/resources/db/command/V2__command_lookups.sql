-- What the command side must know to decide a command that involves other aggregates: which region a district
-- belongs to, the region's pathways (retired or not, their rules and courses) and district-college agreements.
-- Kept by the subscribing processor "command-lookups" in the same transaction as the events they come from.

create table region_member (
    member_id varchar(64) primary key,
    region_id varchar(64) not null,
    kind      varchar(20) not null
);

create table catalogue_pathway (
    region_id       varchar(64) not null,
    pathway_id      varchar(64) not null,
    version         integer     not null,
    completion_rule varchar(40) not null,
    retired_on      date,
    primary key (region_id, pathway_id)
);

create table catalogue_pathway_course (
    region_id  varchar(64) not null,
    pathway_id varchar(64) not null,
    course_id  varchar(64) not null,
    role       varchar(20) not null,
    primary key (region_id, pathway_id, course_id)
);

create table college_agreement (
    region_id      varchar(64) not null,
    agreement_id   varchar(64) not null,
    kind           varchar(20) not null,
    district_id    varchar(64) not null,
    college_id     varchar(64) not null,
    effective_from date        not null,
    effective_to   date        not null,
    primary key (region_id, agreement_id)
);

create table college_agreement_course (
    region_id         varchar(64) not null,
    agreement_id      varchar(64) not null,
    college_course_id varchar(64) not null,
    primary key (region_id, agreement_id, college_course_id)
);

create index college_agreement_lookup on college_agreement (district_id, college_id, kind);
