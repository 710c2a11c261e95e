-- Axon's JDBC event store, in snake_case, owned by the command service (schema "events").
-- Column names are mapped in EventStoreConfiguration; the shape follows Axon's PostgresEventTableFactory.

create table domain_event_entry (
    global_index         bigserial    not null,
    event_identifier     varchar(255) not null,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    time_stamp           varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    primary key (global_index),
    unique (aggregate_identifier, sequence_number),
    unique (event_identifier)
);

create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255) not null,
    event_identifier     varchar(255) not null,
    time_stamp           varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    primary key (aggregate_identifier, sequence_number),
    unique (event_identifier)
);

-- Where each streaming processor (e.g. the Kafka publisher) has got to in the log.
create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    time_stamp     varchar(255),
    owner          varchar(255),
    primary key (processor_name, segment)
);
