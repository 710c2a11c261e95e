-- Which enrolment event made the entrant, so a withdrawn enrolment removes it; corrections add demographics rows
-- whose higher sequence wins over the record they correct (same effective date).
alter table pathway_entrant add column entry_sequence bigint;
