-- The region's nontraditional programs (Perkins 4S1) for BI users: configuration, not student data.
create view analytics_bi.nontraditional_field as
select cip_prefix, underrepresented_sex, field from analytics.nontraditional_field;

comment on view analytics_bi.nontraditional_field is 'Programs (CIP code prefixes) counted as nontraditional for Perkins 4S1, with the under-represented sex';

grant select on analytics_bi.nontraditional_field to pathways_bi;
