-- District submissions (imports): one job per submission, with its progress and every rejected row.
create table import_job (
    import_id      varchar(40)  primary key,
    district_id    varchar(64)  not null,
    status         varchar(20)  not null,
    dry_run        boolean      not null,
    files          text         not null,
    bytes_total    bigint       not null,
    bytes_read     bigint       not null default 0,
    rows_read      bigint       not null default 0,
    rows_accepted  bigint       not null default 0,
    rows_unchanged bigint       not null default 0,
    rows_rejected  bigint       not null default 0,
    warnings       text,
    message        text,
    submitted_at   timestamptz  not null,
    started_at     timestamptz,
    finished_at    timestamptz
);

create index import_job_by_district on import_job (district_id, submitted_at desc);

create table import_row_error (
    import_id   varchar(40)  not null,
    error_index bigint       not null,
    file_order  integer      not null,
    file_name   varchar(255) not null,
    line        bigint       not null,
    column_name varchar(100),
    value       text,
    problem     text         not null,
    primary key (import_id, error_index)
);
