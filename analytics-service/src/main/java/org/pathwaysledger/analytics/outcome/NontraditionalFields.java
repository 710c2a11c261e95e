package org.pathwaysledger.analytics.outcome;

import org.pathwaysledger.analytics.region.RegionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The region's list of nontraditional programs (Perkins 4S1), from {@code pathways.region.nontraditional-fields}:
 * when the setting is given it replaces the rows of {@code nontraditional_field} at start, in one transaction;
 * when it is empty the list seeded by migration V7 (or edited in SQL) stays.
 */
@Component
@DependsOnDatabaseInitialization
public class NontraditionalFields {

    /** A CIP code or prefix (two digits, optionally a dot and up to four more), the under-represented sex, an optional name. */
    private static final Pattern ENTRY = Pattern.compile("\\s*(\\d{2}(?:\\.\\d{1,4})?)\\s*:\\s*([FM])\\s*(?::\\s*(.{0,200}?))?\\s*");
    private static final Logger log = LoggerFactory.getLogger(NontraditionalFields.class);

    record Field(String cipPrefix, String underrepresentedSex, String name) {
    }

    public NontraditionalFields(RegionSettings region, JdbcClient jdbc, TransactionTemplate transactions) {
        if (region.nontraditionalFields().isEmpty()) {
            return;
        }
        List<Field> fields = parse(region.nontraditionalFields());
        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from nontraditional_field").update();
            for (Field field : fields) {
                jdbc.sql("insert into nontraditional_field (cip_prefix, underrepresented_sex, field) values (?, ?, ?)")
                        .params(field.cipPrefix(), field.underrepresentedSex(), field.name()).update();
            }
        });
        log.info("Perkins 4S1: {} nontraditional programs from pathways.region.nontraditional-fields", fields.size());
    }

    static List<Field> parse(List<String> entries) {
        List<Field> fields = new ArrayList<>();
        for (String entry : entries) {
            Matcher matcher = ENTRY.matcher(entry == null ? "" : entry);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("pathways.region.nontraditional-fields: '" + entry
                        + "' is not CIP-prefix:sex[:field], e.g. 51.38:M:Registered nursing (sex F or M: the under-represented one)");
            }
            String name = matcher.group(3) == null || matcher.group(3).isBlank() ? "CIP " + matcher.group(1) : matcher.group(3).trim();
            fields.add(new Field(matcher.group(1), matcher.group(2), name));
        }
        if (fields.stream().map(Field::cipPrefix).distinct().count() != fields.size()) {
            throw new IllegalArgumentException("pathways.region.nontraditional-fields names a CIP prefix twice");
        }
        return fields;
    }
}
