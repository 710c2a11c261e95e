-- The region catalogue as analytics needs it: which region and industry sector each pathway belongs to, for
-- metrics at sector and region level.
create table catalogue_pathway (
    region_id       varchar(64)  not null,
    pathway_id      varchar(64)  not null,
    industry_sector varchar(200),
    primary key (region_id, pathway_id)
);
