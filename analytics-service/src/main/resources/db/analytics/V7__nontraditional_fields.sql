-- Perkins V 4S1 (issue 5): a concentrator counts when of the sex under-represented in the field the pathway leads to.
-- Pathway events carry the CIP code but not who is under-represented, so the region keeps that list here.

alter table catalogue_pathway add column cip_code varchar(10);

-- A field is nontraditional for a sex when that sex is under 25% of its workers (Perkins V sec. 3(36)). The rows
-- match a pathway's CIP code by prefix ('51.38' covers 51.3801, 51.3818 ...); the longest matching prefix wins.
-- The defaults below are the CIP families that state crosswalks (built from Census occupation data by sex, as
-- NAPE's) mark nontraditional almost everywhere; a region replaces them with its own state's list.
create table nontraditional_field (
    cip_prefix          varchar(10)  primary key,
    underrepresented_sex varchar(1)  not null check (underrepresented_sex in ('F', 'M')),
    field               varchar(200) not null
);

insert into nontraditional_field (cip_prefix, underrepresented_sex, field) values
    ('11',      'F', 'Computer and information sciences'),
    ('14',      'F', 'Engineering'),
    ('15',      'F', 'Engineering technologies'),
    ('43.0203', 'F', 'Fire science and firefighting'),
    ('46',      'F', 'Construction trades'),
    ('47',      'F', 'Mechanic and repair technologies'),
    ('48',      'F', 'Precision production (welding, machining)'),
    ('12.04',   'M', 'Cosmetology and personal grooming'),
    ('19.07',   'M', 'Child development and early childhood education'),
    ('22.0302', 'M', 'Legal assistant / paralegal'),
    ('51.06',   'M', 'Dental support services'),
    ('51.0801', 'M', 'Medical assisting'),
    ('51.38',   'M', 'Registered nursing'),
    ('52.04',   'M', 'Administrative assistant and secretarial');
