-- Outcomes after high school, for the cohort funnel: college enrolment, postsecondary credentials, wage records.
create table postsecondary_enrollment (
    district_id  varchar(64) not null,
    student_id   varchar(64) not null,
    enrolled_on  date        not null,
    institution  varchar(64),
    sequence     bigint      not null,
    recorded_at  timestamptz not null,
    withdrawn_at timestamptz,
    primary key (district_id, student_id, sequence)
);

create table postsecondary_credential (
    district_id  varchar(64) not null,
    student_id   varchar(64) not null,
    earned_on    date        not null,
    sequence     bigint      not null,
    recorded_at  timestamptz not null,
    withdrawn_at timestamptz,
    primary key (district_id, student_id, sequence)
);

create table wage_record (
    district_id    varchar(64)    not null,
    student_id     varchar(64)    not null,
    year_quarter   varchar(6)     not null,
    quarterly_wage numeric(12, 2) not null,
    sequence       bigint         not null,
    recorded_at    timestamptz    not null,
    withdrawn_at   timestamptz,
    primary key (district_id, student_id, sequence)
);
